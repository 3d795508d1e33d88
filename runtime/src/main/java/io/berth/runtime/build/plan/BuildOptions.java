package io.berth.runtime.build.plan;

import java.util.Map;
import java.util.Set;

/**
 * What a build is asked for, besides the Dockerfile.
 *
 * @param buildArgs     {@code --build-arg} / Compose {@code build.args}, in the order given
 * @param target        the stage to build (name or index), null for the last stage
 * @param platform      the platform being built for (only the host's is supported)
 * @param namedContexts the names of additional contexts (Compose {@code additional_contexts})
 */
public record BuildOptions(Map<String, String> buildArgs, String target, BuildPlatform platform,
                           Set<String> namedContexts) {
    public BuildOptions {
        buildArgs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(buildArgs));
        namedContexts = Set.copyOf(namedContexts);
    }

    /** No build args, the last stage, the host's platform, no named contexts. */
    public static BuildOptions defaults() {
        return new BuildOptions(Map.of(), null, BuildPlatform.host(), Set.of());
    }
}
