package io.berth.runtime.supervisor;

import static io.berth.runtime.supervisor.SupervisorFixture.spec;
import static io.berth.runtime.supervisor.SupervisorFixture.withRestart;
import static io.berth.runtime.supervisor.SupervisorLifecycleTest.awaitCondition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerEvent;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.HostRuntime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The supervisor's event feed, with plain host processes: what a follower sees, also across a supervisor's death. */
class SupervisorEventsTest {
    private SupervisorFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new SupervisorFixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aFollowerSeesRestartsByPolicyAndFollowsTheNextSupervisor() throws Exception {
        HostRuntime runtime = fixture.connect();
        List<ContainerEvent> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread follower = new Thread(() -> runtime.events(event -> {
            seen.add(event);
            return !stop.get();
        }), "events-follower");
        follower.setDaemon(true);
        follower.start();
        // the feed starts once the follower is connected: make events until one reaches it
        awaitCondition(() -> {
            ContainerInfo probe = runtime.createContainer(spec("berth-test-probe", List.of("true")));
            runtime.removeContainer(probe.id(), true);
            return !seen.isEmpty();
        });

        ContainerInfo crash = runtime.createContainer(withRestart(spec("berth-test-crash", List.of("sh", "-c", "exit 3")),
                "on-failure", 1));
        runtime.startContainer(crash.id());
        awaitCondition(() -> actions(seen, "berth-test-crash").equals(List.of("create", "start", "die", "start", "restart", "die")));
        ContainerEvent die = seen.stream().filter(event -> event.action().equals("die")
                && event.attributes().get("name").equals("berth-test-crash")).findFirst().orElseThrow();
        assertEquals("3", die.attributes().get("exitCode"));
        assertEquals(crash.id(), die.id());

        fixture.killSupervisor();
        ContainerInfo later = runtime.createContainer(spec("berth-test-later", List.of("sleep", "100")));
        awaitCondition(() -> actions(seen, "berth-test-later").equals(List.of("create")));
        stop.set(true);
        runtime.removeContainer(later.id(), true);
        follower.join(30_000);
        assertTrue(!follower.isAlive(), "the sink's false ends the follow");
        assertEquals(List.of("create", "destroy"), actions(seen, "berth-test-later"));
    }

    private static List<String> actions(List<ContainerEvent> events, String name) {
        return events.stream().filter(event -> name.equals(event.attributes().get("name"))).map(ContainerEvent::action).toList();
    }
}
