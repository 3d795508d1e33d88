package io.berth.model;

import java.util.List;
import java.util.Map;

/**
 * {@code build:} of a service, long form, as compose-go reads it.
 *
 * @param context            an absolute path, or a URL (git, http) as written
 * @param dockerfile         relative to the context (or absolute); null with {@code dockerfileInline}
 * @param args               build args; a name written without a value took the environment's, or was dropped
 * @param additionalContexts name to an absolute path, a URL, {@code docker-image://REF} or {@code service:NAME}
 * @param ssh                id to key path ("" for the agent socket, as {@code default} is written)
 * @param secrets            references to top-level secrets (source, optional target/uid/gid/mode)
 * @param extraHosts         {@code host=address}, sorted
 * @param shmSize            bytes, or null
 */
public record BuildConfig(
        String context,
        String dockerfile,
        String dockerfileInline,
        Map<String, String> args,
        String target,
        Map<String, String> labels,
        List<String> cacheFrom,
        List<String> cacheTo,
        List<String> tags,
        List<String> platforms,
        String network,
        Long shmSize,
        boolean noCache,
        boolean pull,
        Map<String, String> additionalContexts,
        Map<String, String> ssh,
        List<FileReference> secrets,
        List<String> extraHosts,
        Map<String, Ulimit> ulimits,
        boolean privileged,
        String isolation,
        List<String> entitlements) {

    /** The service named by an additional context {@code service:NAME}, whose image must be built first. */
    public List<String> contextServices() {
        return additionalContexts.values().stream().filter(value -> value.startsWith("service:"))
                .map(value -> value.substring("service:".length())).toList();
    }

    /** A context that is not a local directory: a git or http(s) URL. */
    public boolean remoteContext() {
        return isRemote(context);
    }

    public static boolean isRemote(String location) {
        return location != null && (location.contains("://") || location.startsWith("git@")
                || location.startsWith("github.com/"));
    }
}
