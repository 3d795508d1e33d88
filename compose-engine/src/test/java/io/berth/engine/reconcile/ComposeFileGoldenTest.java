package io.berth.engine.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.ObservedState;
import io.berth.engine.TestProjects;
import io.berth.engine.UpOptions;
import io.berth.model.LoadOptions;
import io.berth.model.ProjectLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From a Compose file through the model loader to the printed plan: the benchmark's stack. */
class ComposeFileGoldenTest {
    private static DesiredProject stack3(Map<String, Integer> scale) throws Exception {
        Path directory = Path.of(ComposeFileGoldenTest.class.getResource("/stack3/compose.yaml").toURI()).getParent();
        return ComposeEngine.desired(ProjectLoader.load(LoadOptions.of(directory, Map.of())
                .withProjectName("stack3")), scale);
    }

    private static ObservedState nothing() {
        return new ObservedState("stack3", List.of(), List.of(), List.of(),
                Map.of("busybox:local", TestProjects.BUSYBOX_IMAGE));
    }

    @Test
    void firstUpOfTheBenchmarkStack() throws Exception {
        assertEquals("""
                1. create network stack3_back: network back does not exist
                2. create volume stack3_dbdata: volume dbdata does not exist
                3. create container stack3-db-1 (after 1, 2): replica 1 of 1 does not exist
                4. start container stack3-db-1 (after 3): created
                5. create network stack3_front: network front does not exist
                6. wait for container stack3-db-1 service_started (after 4): web depends on db (service_started)
                7. create container stack3-web-1 (after 1, 5, 6): replica 1 of 1 does not exist
                8. start container stack3-web-1 (after 7): created
                9. wait for container stack3-db-1 service_started (after 4): client depends on db (service_started)
                10. wait for container stack3-web-1 service_started (after 8): client depends on web (service_started)
                11. create container stack3-client-1 (after 1, 5, 9, 10): replica 1 of 1 does not exist
                12. start container stack3-client-1 (after 11): created
                """, UpReconciler.plan(stack3(Map.of()), nothing(), UpOptions.defaults()).render());
    }

    @Test
    void linksResolveToTheReplicasOfTheLinkedService() throws Exception {
        DesiredProject project = stack3(Map.of("db", 2));
        var plan = UpReconciler.plan(project, nothing(), UpOptions.defaults());
        var client = plan.steps().stream().map(step -> step.action())
                .filter(action -> action instanceof io.berth.engine.Action.CreateContainer create
                        && create.spec().name().equals("stack3-client-1"))
                .map(action -> ((io.berth.engine.Action.CreateContainer) action).spec()).findFirst().orElseThrow();
        assertEquals("[LinkSpec[containerName=stack3-db-1, alias=database], LinkSpec[containerName=stack3-db-2, alias=database]]",
                client.links().toString());
        assertEquals("[stack3_back, stack3_front]", client.networks().stream().map(network -> network.network()).toList().toString());
        assertEquals("db:service_started:true,web:service_started:false", // links imply restart: true, as compose-go does
                client.labels().get(io.berth.engine.Labels.DEPENDS_ON));
    }
}
