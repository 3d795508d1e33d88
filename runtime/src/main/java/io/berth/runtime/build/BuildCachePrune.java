package io.berth.runtime.build;

/**
 * What {@code berth builder prune} removed.
 *
 * @param entries    cache records removed
 * @param cacheMounts RUN --mount=type=cache directories removed
 * @param bytesFreed  bytes given back (layers only the cache held, cache mount content)
 */
public record BuildCachePrune(int entries, int cacheMounts, long bytesFreed) { }
