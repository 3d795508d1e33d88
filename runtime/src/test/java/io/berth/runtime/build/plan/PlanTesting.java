package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.DockerfileException;
import io.berth.runtime.build.dockerfile.DockerfileParser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Plans every needed stage of a Dockerfile text over fake base images. */
final class PlanTesting {
    static final BuildPlatform AMD64 = new BuildPlatform("linux", "amd64", "");

    private PlanTesting() {
    }

    static BuildPlanner planner(String text, Map<String, String> buildArgs, String target) throws DockerfileException {
        return new BuildPlanner(DockerfileParser.parse("Dockerfile", text),
                new BuildOptions(buildArgs, target, AMD64, Set.of("extra")));
    }

    /** Every needed stage's plan, images' settings taken from {@code images} (empty when absent). */
    static Map<Integer, StagePlan> plans(BuildPlanner planner, Map<String, ImageSettings> images)
            throws DockerfileException {
        Map<Integer, StagePlan> plans = new HashMap<>();
        for (StageNode node : planner.graph().stages()) {
            ImageSettings base;
            if (node.base() instanceof BuildSource.StageOutput output) {
                base = plans.get(output.stageIndex()).finalSettings();
            } else if (node.base() instanceof BuildSource.Image image) {
                base = images.getOrDefault(image.reference(), ImageSettings.empty());
            } else {
                base = ImageSettings.empty();
            }
            plans.put(node.stageIndex(), planner.evaluate(node.stageIndex(), base));
        }
        return plans;
    }

    static StagePlan last(String text, Map<String, String> buildArgs) throws DockerfileException {
        BuildPlanner planner = planner(text, buildArgs, null);
        return plans(planner, Map.of()).get(planner.graph().target());
    }

    static List<String> createdBy(StagePlan plan) {
        return plan.steps().stream().filter(step -> !(step instanceof MetadataStep metadata) || metadata.inHistory())
                .map(BuildStep::createdBy).toList();
    }

    static ImageSettings image(List<String> env, List<String> onBuild) {
        return new ImageSettings(env, "", "", null, List.of("sh"), Map.of(), Set.of(), Set.of(), null, null, "",
                onBuild, false);
    }
}
