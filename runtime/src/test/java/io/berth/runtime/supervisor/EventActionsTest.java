package io.berth.runtime.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.ContainerState;
import io.berth.runtime.supervisor.EventActions.Seen;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which Docker events a state change makes: pure, no containers. */
class EventActionsTest {
    private static List<String> names(Seen before, Seen after) {
        return EventActions.between(before, after).stream().map(EventActions.Action::name).toList();
    }

    private static Seen seen(ContainerState state, long pid, String health, int restarts, Integer exitCode, boolean oom) {
        return new Seen(state, pid, health, restarts, exitCode, oom);
    }

    @Test
    void aNewRecordIsACreate() {
        assertEquals(List.of("create"), names(null, seen(ContainerState.CREATED, 0, null, 0, null, false)));
    }

    @Test
    void startingIsAStartAndARestartPolicysStartIsAlsoARestart() {
        assertEquals(List.of("start"), names(seen(ContainerState.CREATED, 0, null, 0, null, false),
                seen(ContainerState.RUNNING, 10, null, 0, null, false)));
        assertEquals(List.of("start", "restart"), names(seen(ContainerState.RESTARTING, 0, null, 0, 3, false),
                seen(ContainerState.RUNNING, 11, null, 1, null, false)));
    }

    @Test
    void anExitIsADieWithItsExitCodeAndAnOomKillComesFirst() {
        var die = EventActions.between(seen(ContainerState.RUNNING, 10, null, 0, null, false),
                seen(ContainerState.RESTARTING, 10, null, 0, 3, false));
        assertEquals("die", die.get(0).name());
        assertEquals("3", die.get(0).attributes().get("exitCode"));
        assertEquals(List.of("oom", "die"), names(seen(ContainerState.RUNNING, 10, null, 0, null, false),
                seen(ContainerState.EXITED, 10, null, 0, 137, true)));
        assertEquals(List.of("die"), names(seen(ContainerState.RUNNING, 10, null, 0, null, false),
                seen(ContainerState.EXITED, 10, null, 0, null, false)), "an exit seen at recovery: code unknown");
    }

    @Test
    void healthChangesOfTheSameProcessArePausesAndUnpausesToo() {
        assertEquals(List.of("health_status: healthy"), names(seen(ContainerState.RUNNING, 10, "starting", 0, null, false),
                seen(ContainerState.RUNNING, 10, "healthy", 0, null, false)));
        assertEquals(List.of(), names(seen(ContainerState.RUNNING, 10, "healthy", 0, null, false),
                seen(ContainerState.RUNNING, 10, "healthy", 0, null, false)));
        assertEquals(List.of("pause"), names(seen(ContainerState.RUNNING, 10, null, 0, null, false),
                seen(ContainerState.PAUSED, 10, null, 0, null, false)));
        assertEquals(List.of("unpause"), names(seen(ContainerState.PAUSED, 10, null, 0, null, false),
                seen(ContainerState.RUNNING, 10, null, 0, null, false)));
    }

    @Test
    void bookkeepingChangesAreNoEvents() {
        assertEquals(List.of(), names(seen(ContainerState.EXITED, 0, null, 0, 0, false),
                seen(ContainerState.EXITED, 0, null, 0, 0, false)));
        assertEquals(List.of(), names(seen(ContainerState.EXITED, 0, null, 0, 0, false),
                seen(ContainerState.REMOVING, 0, null, 0, 0, false)));
    }
}
