package io.berth.engine.execute;

import static io.berth.engine.TestProjects.project;
import static io.berth.engine.TestProjects.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.DesiredService;
import io.berth.engine.DownOptions;
import io.berth.engine.EngineException;
import io.berth.engine.ProgressListener;
import io.berth.engine.ServiceDependency;
import io.berth.engine.UpOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** observe -> plan -> execute -> observe again, on a runtime that only keeps records. */
class ConvergeTest {
    private final InMemoryRuntime runtime = new InMemoryRuntime();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final ComposeEngine engine = new ComposeEngine(runtime, new ProgressListener() {
        @Override
        public void event(String kind, String name, String status) {
            events.add(kind + " " + name + "  " + status);
        }

        @Override
        public void notice(String message) {
            events.add(message);
        }
    }, 4);

    private final DesiredService db = service("db").volume("data", "/data").build();
    private final DesiredService web = service("web").scale(2).dependsOn(ServiceDependency.started("db")).build();
    private final DesiredProject desired = project(db, web);

    @Test
    void upCreatesInDependencyOrderAndASecondUpPlansNothing() {
        engine.execute(engine.planUp(desired, UpOptions.defaults()));
        assertEquals(Set.of("demo-db-1", "demo-web-1", "demo-web-2"), runtime.containers.keySet());
        assertTrue(runtime.calls.indexOf("start demo-db-1") < runtime.calls.indexOf("create demo-web-1"));
        assertTrue(runtime.calls.indexOf("create network demo_default") < runtime.calls.indexOf("create demo-db-1"));
        assertTrue(events.contains("Container demo-web-2  Started"));
        assertTrue(engine.planUp(desired, UpOptions.defaults()).isEmpty());
    }

    @Test
    void aFailedStartNamesTheServiceAndTheNextUpConverges() {
        runtime.failingStarts.add("demo-db-1");
        EngineException failure = assertThrows(EngineException.class,
                () -> engine.execute(engine.planUp(desired, UpOptions.defaults())));
        assertEquals("service db: start container demo-db-1: exec format error", failure.getMessage());
        assertFalse(runtime.calls.contains("create demo-web-1"), "no new work after the first failure");
        runtime.failingStarts.clear();
        engine.execute(engine.planUp(desired, UpOptions.defaults()));
        assertTrue(engine.planUp(desired, UpOptions.defaults()).isEmpty());
    }

    @Test
    void aDependencyThatDiesFailsTheDependentFastAndSaysWhy() {
        runtime.dyingStarts.add("demo-db-1");
        EngineException failure = assertThrows(EngineException.class,
                () -> engine.execute(engine.planUp(desired, UpOptions.defaults())));
        assertEquals("service web: waiting for demo-db-1 (service_started): demo-db-1 exited with code 1 instead of running",
                failure.getMessage());
        assertFalse(runtime.calls.contains("create demo-web-1"));
    }

    @Test
    void scaleOneToFiveToTwo() {
        engine.execute(engine.planUp(project(db, service("web").build()), UpOptions.defaults()));
        engine.execute(engine.planUp(project(db, service("web").scale(5).build()), UpOptions.defaults()));
        assertEquals(6, runtime.containers.size());
        engine.execute(engine.planUp(project(db, service("web").scale(2).build()), UpOptions.defaults()));
        assertEquals(Set.of("demo-db-1", "demo-web-1", "demo-web-2"), runtime.containers.keySet());
    }

    @Test
    void downWithoutTheFileRemovesEverythingDependentsFirst() {
        engine.execute(engine.planUp(desired, UpOptions.defaults()));
        runtime.calls.clear();
        engine.execute(engine.planDown("demo", null, new DownOptions(true, false, null)));
        assertTrue(runtime.containers.isEmpty());
        assertTrue(runtime.networks.isEmpty());
        assertTrue(runtime.volumes.isEmpty());
        assertTrue(runtime.calls.indexOf("stop demo-web-1") < runtime.calls.indexOf("stop demo-db-1"));
        assertTrue(runtime.calls.indexOf("stop demo-web-2") < runtime.calls.indexOf("stop demo-db-1"));
    }

    @Test
    void pidOneIgnoringTheStopSignalIsSaidOnce() {
        DesiredProject deaf = project(service("deaf").build());
        engine.execute(engine.planUp(deaf, UpOptions.defaults()));
        engine.execute(engine.planDown("demo", deaf, DownOptions.defaults()));
        assertEquals(1, events.stream().filter(event -> event.equals("deaf-1: PID 1 does not handle SIGTERM; killed at once")).count());
    }

    @Test
    void lifecycleStopsDependentsFirstAndStartsDependenciesFirst() {
        engine.execute(engine.planUp(desired, UpOptions.defaults()));
        runtime.calls.clear();
        engine.lifecycle("demo").stop(Set.of(), null);
        assertTrue(runtime.calls.indexOf("stop demo-web-1") < runtime.calls.indexOf("stop demo-db-1"));
        runtime.calls.clear();
        engine.lifecycle("demo").start(Set.of());
        assertTrue(runtime.calls.indexOf("start demo-db-1") < runtime.calls.indexOf("start demo-web-1"));
    }
}
