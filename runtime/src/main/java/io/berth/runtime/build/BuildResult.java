package io.berth.runtime.build;

import io.berth.runtime.Digest;
import io.berth.runtime.ImageReference;
import java.time.Duration;
import java.util.List;

/**
 * What a build made.
 *
 * @param imageId     the image's id (digest of its config), as {@code berth images} shows it
 * @param tags        the names it was given
 * @param stepsRun    steps that ran (missed the cache)
 * @param stepsCached steps taken from the cache
 * @param elapsed     wall time of the whole build
 */
public record BuildResult(Digest imageId, List<ImageReference> tags, int stepsRun, int stepsCached, Duration elapsed) {
    public BuildResult {
        tags = List.copyOf(tags);
    }
}
