package io.berth.runtime.build.exec;

import io.berth.runtime.build.BuildException;
import io.berth.runtime.build.BuildRequest;
import io.berth.runtime.build.dockerfile.DockerfileException;
import io.berth.runtime.build.plan.BuildPlanner;
import io.berth.runtime.build.plan.BuildSource;
import io.berth.runtime.build.plan.ImageSettings;
import io.berth.runtime.build.plan.StageGraph;
import io.berth.runtime.build.plan.StageNode;
import io.berth.runtime.build.plan.StagePlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates every needed stage before anything runs (base images resolved, pulled if missing),
 * so that a wrong instruction in the last stage fails the build before the first RUN, and the
 * progress knows how many steps there are.
 */
final class StagePlans {
    private StagePlans() {
    }

    /** The plans in the graph's order. */
    static List<StagePlan> evaluate(BuildSession session, BuildPlanner planner, StageGraph graph) throws DockerfileException {
        Map<Integer, StagePlan> byIndex = new HashMap<>();
        List<StagePlan> plans = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (StageNode node : graph.stages()) {
            try {
                StagePlan plan = planner.evaluate(node.stageIndex(), baseSettings(session, node.base(), byIndex));
                byIndex.put(node.stageIndex(), plan);
                plans.add(plan);
            } catch (DockerfileException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new DockerfileException(problems);
        }
        return plans;
    }

    static ImageSettings baseSettings(BuildSession session, BuildSource base, Map<Integer, StagePlan> plans) {
        if (base instanceof BuildSource.StageOutput stage) {
            StagePlan plan = plans.get(stage.stageIndex());
            return plan == null ? ImageSettings.empty() : plan.finalSettings();
        }
        if (base instanceof BuildSource.Image image) {
            return session.image(image.reference()).settings();
        }
        if (base instanceof BuildSource.NamedContext named) {
            BuildRequest.NamedContext context = session.request.namedContexts().get(named.name());
            if (context instanceof BuildRequest.NamedContext.Image image) {
                return session.image(image.reference().canonical()).settings();
            }
            throw new BuildException("FROM " + named.name() + ": a directory context cannot be a stage's base"
                    + " (only an image given as additional context can)", null);
        }
        return ImageSettings.empty();
    }
}
