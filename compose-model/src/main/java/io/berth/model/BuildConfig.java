package io.berth.model;

import java.util.List;
import java.util.Map;

/** {@code build:} of a service, long form. {@code context} is an absolute path or a URL. */
public record BuildConfig(
        String context,
        String dockerfile,
        String dockerfileInline,
        Map<String, String> args,
        String target,
        Map<String, String> labels,
        List<String> cacheFrom,
        List<String> tags,
        List<String> platforms,
        String network,
        Long shmSize,
        boolean noCache,
        boolean pull) {
}
