package io.berth.engine.execute;

import static io.berth.engine.TestProjects.project;
import static io.berth.engine.TestProjects.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.EngineException;
import io.berth.engine.Plan;
import io.berth.engine.ProgressListener;
import io.berth.engine.UpOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Published-port conflicts stop {@code up} before anything exists, naming service and port; the
 * kernel side of the check (bind, Berth rules) is in the runtime's PublishedPortTest and the CLI's
 * NetworkComposeTest.
 */
class PortPreflightTest {
    private final InMemoryRuntime runtime = new InMemoryRuntime();
    private final ComposeEngine engine = new ComposeEngine(runtime, ProgressListener.SILENT, 4);

    @Test
    void twoServicesOnOneHostPortFailBeforeAnythingIsCreated() {
        DesiredProject desired = project(service("api").port(8080, 80).build(), service("web").port(8080, 80).build());
        EngineException failure = assertThrows(EngineException.class,
                () -> engine.execute(engine.planUp(desired, UpOptions.defaults())));
        assertEquals("service web: host port 8080/tcp is already in use by service api", failure.getMessage());
        assertEquals(List.of(), runtime.calls, "nothing created, not even the network");
    }

    @Test
    void aPortHeldByAnotherProgramFailsBeforeAnythingIsCreated() {
        runtime.foreignPorts.add("8080/tcp");
        EngineException failure = assertThrows(EngineException.class,
                () -> engine.execute(engine.planUp(project(service("web").port(8080, 80).build()), UpOptions.defaults())));
        assertTrue(failure.getMessage().startsWith("service web: host port 8080/tcp"), failure.getMessage());
        assertEquals(List.of(), runtime.calls);
    }

    @Test
    void aRecreatedContainersOwnPortCountsAsFreeAndARunningOnesDoesNot() {
        engine.execute(engine.planUp(project(service("web").port(8080, 80).build()), UpOptions.defaults()));
        engine.execute(engine.planUp(project(service("web").port(8080, 80).env("A", "1").build()), UpOptions.defaults()));
        assertEquals("[demo-web-1] leaving [demo-web-1]", runtime.portChecks.get(1));

        DesiredProject other = project(service("web").port(8080, 80).env("A", "1").build(),
                service("api").port(8080, 80).build());
        EngineException failure = assertThrows(EngineException.class,
                () -> engine.execute(engine.planUp(other, UpOptions.defaults())));
        assertEquals("service api: host port 8080/tcp is already in use by container demo-web-1", failure.getMessage());
    }

    @Test
    void createWithoutStartClaimsNothingAsDockerAndTheLaterStartIsChecked() {
        runtime.foreignPorts.add("8080/tcp");
        DesiredProject desired = project(service("web").port(8080, 80).build());
        UpOptions noStart = new UpOptions(null, false, null, false, false, false, true, null, null);
        engine.execute(engine.planUp(desired, noStart));
        assertEquals(List.of(), runtime.portChecks, "create alone publishes nothing");
        EngineException failure = assertThrows(EngineException.class,
                () -> engine.execute(engine.planUp(desired, UpOptions.defaults())));
        assertTrue(failure.getMessage().startsWith("service web: host port 8080/tcp"), failure.getMessage());
        assertEquals(List.of("create network demo_default", "create demo-web-1"), runtime.calls, "the start never ran");
    }

    @Test
    void hostNetworkModeDiscardsPortsWithAWarning() {
        Plan plan = engine.planUp(project(service("web").hostNetwork().port(8080, 80).build()), UpOptions.defaults());
        assertEquals(List.of("service web: published ports are discarded when using host network mode"), plan.warnings());
        runtime.foreignPorts.add("8080/tcp");
        engine.execute(plan);
        assertEquals(List.of(), runtime.portChecks, "nothing to check");
    }
}
