package io.berth.runtime.build.cache;

import io.berth.runtime.image.BuilderStore;

/**
 * What a step left in the cache: its key, the layer it made (null when it changed nothing) and
 * the time its history entry carries, so that a rebuild from the cache gives the same config bytes.
 *
 * @param created ISO-8601 instant of the step's history entry
 */
public record CacheRecord(CacheKey key, BuilderStore.Layer layer, String created) {
}
