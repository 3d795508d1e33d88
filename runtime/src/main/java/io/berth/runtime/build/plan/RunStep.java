package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.SourcePosition;
import java.util.List;
import java.util.SortedMap;

/**
 * A RUN: one command run in a container over the stage's layers; its changes become a layer.
 *
 * @param argv        the command: the SHELL plus the command for the shell form, the JSON array for
 *                    the exec form, the heredoc handling of BuildKit applied
 * @param env         the environment ("K=V", in order): the image's env plus the build args in
 *                    scope that no ENV overrides, as BuildKit passes them
 * @param user        the USER in force ("" = root), unresolved
 * @param workdir     the WORKDIR in force ("/" when none)
 * @param mounts      the --mount flags, in order
 * @param network     --network
 * @param inlineFiles files to mount read-only before running (a heredoc script starting with #!)
 * @param proxyEnv    the proxy variables given as build args (HTTP_PROXY, https_proxy, NO_PROXY...),
 *                    passed to the command as BuildKit does but kept out of the history and the
 *                    cache key; add them to {@code env} when running
 */
public record RunStep(SourcePosition position, String instruction, String createdBy, List<String> argv,
                      List<String> env, String user, String workdir, List<RunMount> mounts, BuildNetwork network,
                      List<InlineFile> inlineFiles, List<String> proxyEnv, ImageSettings settings,
                      SortedMap<String, String> usedBuildArgs) implements BuildStep {
    public RunStep {
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        mounts = List.copyOf(mounts);
        inlineFiles = List.copyOf(inlineFiles);
        proxyEnv = List.copyOf(proxyEnv);
        usedBuildArgs = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(usedBuildArgs));
    }

    @Override
    public boolean emptyLayer() {
        return false;
    }
}
