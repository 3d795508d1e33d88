package io.berth.runtime.build.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.runtime.build.dockerfile.DockerfileException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StageGraphTest {
    private static final String FILE = """
            FROM busybox AS base
            FROM base AS deps
            FROM busybox AS assets
            FROM golang AS unused
            FROM base AS app
            COPY --from=deps /lib /lib
            RUN --mount=type=bind,from=assets,target=/assets true
            """;

    @Test
    void onlyTheStagesTheTargetNeedsInOrder() throws DockerfileException {
        StageGraph graph = PlanTesting.planner(FILE, Map.of(), null).graph();
        assertEquals(4, graph.target());
        assertEquals(List.of(0, 1, 2, 4), graph.stages().stream().map(StageNode::stageIndex).toList());
        assertEquals(Set.of(0, 1, 2), graph.node(4).dependsOn());
        assertEquals(new BuildSource.StageOutput(0), graph.node(1).base());
    }

    @Test
    void wavesGroupIndependentStages() throws DockerfileException {
        StageGraph graph = PlanTesting.planner(FILE, Map.of(), null).graph();
        assertEquals(List.of(List.of("base", "assets"), List.of("deps"), List.of("app")), graph.waves().stream()
                .map(wave -> wave.stream().map(StageNode::displayName).toList()).toList());
    }

    @Test
    void targetSelectsAnEarlierStage() throws DockerfileException {
        StageGraph graph = PlanTesting.planner(FILE, Map.of(), "deps").graph();
        assertEquals(List.of(0, 1), graph.stages().stream().map(StageNode::stageIndex).toList());
    }

    @Test
    void unknownTargetListsTheStages() {
        DockerfileException problem = assertThrows(DockerfileException.class,
                () -> PlanTesting.planner(FILE, Map.of(), "prod").graph());
        assertEquals(List.of("Dockerfile: target stage \"prod\" could not be found (stages: base, deps, assets, unused, app)"),
                problem.problems());
    }

    @Test
    void scratchAndNamedContextBases() throws DockerfileException {
        StageGraph graph = PlanTesting.planner("FROM scratch\nFROM extra\n", Map.of(), null).graph();
        assertEquals(new BuildSource.NamedContext("extra"), graph.node(1).base());
        assertEquals(List.of(1), graph.stages().stream().map(StageNode::stageIndex).toList());
    }

    @Test
    void aNamedContextReplacesTheStageOfItsName() throws DockerfileException {
        BuildPlanner planner = PlanTesting.planner("""
                FROM golang AS extra
                RUN go build
                FROM busybox
                COPY --from=extra /out /out
                """, Map.of(), null);
        StageGraph graph = planner.graph();
        assertEquals(List.of(1), graph.stages().stream().map(StageNode::stageIndex).toList());
        assertEquals(Set.of(), graph.node(1).dependsOn());
        StagePlan plan = PlanTesting.plans(planner, Map.of()).get(1);
        assertEquals(new BuildSource.NamedContext("extra"), ((CopyStep) plan.steps().get(0)).from());
    }
}
