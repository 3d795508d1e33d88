package io.berth.runtime;

import java.util.List;

/** What {@code image prune} did: each image's removal, and the bytes freed on disk. */
public record ImagePrune(List<ImageRemoval> removals, long reclaimedBytes) {
}
