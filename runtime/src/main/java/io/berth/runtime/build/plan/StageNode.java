package io.berth.runtime.build.plan;

import java.util.Set;

/**
 * One stage the target needs, with what it needs.
 *
 * @param stageIndex the stage's index in the Dockerfile
 * @param name       the AS name or null
 * @param base       the FROM after substitution with the global args: scratch, an image, a stage,
 *                   a named context
 * @param dependsOn  the stages this one needs first (its base stage, COPY --from, RUN --mount from=)
 * @param images     the external images it reads besides its base (COPY --from=image, mounts)
 */
public record StageNode(int stageIndex, String name, BuildSource base, Set<Integer> dependsOn, Set<String> images) {
    public StageNode {
        dependsOn = Set.copyOf(dependsOn);
        images = Set.copyOf(images);
    }

    /** The name to show: the AS name, else the index. */
    public String displayName() {
        return name != null ? name : String.valueOf(stageIndex);
    }
}
