package io.berth.runtime.build.cache;

import io.berth.runtime.Digest;
import java.util.SortedMap;

/**
 * The cache key of one build step, with the parts it was made of so that a miss can be explained.
 * Serializable with Jackson as is (records), for build-back's cache store.
 *
 * @param digest      sha256 over the parts below
 * @param parent      the parent's key: the base image's id for the first step, else the previous
 *                    step's {@code digest}
 * @param instruction the step's text after substitution, including what else changes its result
 *                    (for RUN: env, user, workdir, mounts, network)
 * @param buildArgs   the build args the step uses
 * @param files       for COPY/ADD: {@link io.berth.runtime.build.context.ContentChecksum#files}, else empty
 */
public record CacheKey(Digest digest, String parent, String instruction, SortedMap<String, String> buildArgs,
                       SortedMap<String, String> files) {
    public CacheKey {
        buildArgs = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(buildArgs));
        files = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(files));
    }
}
