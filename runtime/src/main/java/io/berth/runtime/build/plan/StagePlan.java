package io.berth.runtime.build.plan;

import java.util.List;

/**
 * A stage evaluated: its base and its steps, with everything substituted.
 *
 * @param stageIndex    the stage's index in the Dockerfile
 * @param name          the stage's AS name, or null
 * @param base          scratch, an image, an earlier stage or a named context
 * @param steps         in order; ONBUILD triggers of the base come first
 * @param finalSettings the image settings after the last step (the image's config)
 * @param author        the MAINTAINER (the image config's {@code author}), or null
 */
public record StagePlan(int stageIndex, String name, BuildSource base, List<BuildStep> steps,
                        ImageSettings finalSettings, String author) {
    public StagePlan {
        steps = List.copyOf(steps);
    }
}
