package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerState;
import io.berth.runtime.state.ContainerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Which Docker container events a state change is: a pure decision, tested without containers. */
final class EventActions {
    private EventActions() {
    }

    /** What of a record the events depend on. */
    record Seen(ContainerState state, long pid, String health, int restartCount, Integer exitCode, boolean oomKilled) {
        static Seen of(ContainerRecord record) {
            return record == null ? null : new Seen(record.state(), record.pid(), record.health(), record.restartCount(),
                    record.exitCode(), record.oomKilled());
        }
    }

    record Action(String name, Map<String, String> attributes) {
        static Action of(String name) {
            return new Action(name, Map.of());
        }
    }

    static List<Action> between(Seen before, Seen after) {
        List<Action> actions = new ArrayList<>();
        if (before == null) {
            actions.add(Action.of("create"));
            return actions;
        }
        boolean wasUp = before.state() == ContainerState.RUNNING || before.state() == ContainerState.PAUSED;
        boolean isUp = after.state() == ContainerState.RUNNING || after.state() == ContainerState.PAUSED;
        if (!wasUp && after.state() == ContainerState.RUNNING) {
            actions.add(Action.of("start"));
            if (after.restartCount() > before.restartCount()) {
                actions.add(Action.of("restart")); // a restart policy's start (the count grows only then)
            }
        } else if (wasUp && !isUp && (after.state() == ContainerState.EXITED || after.state() == ContainerState.RESTARTING)) {
            if (after.oomKilled()) {
                actions.add(Action.of("oom"));
            }
            actions.add(after.exitCode() == null ? Action.of("die")
                    : new Action("die", Map.of("exitCode", after.exitCode().toString())));
        } else if (before.state() == ContainerState.RUNNING && after.state() == ContainerState.PAUSED) {
            actions.add(Action.of("pause"));
        } else if (before.state() == ContainerState.PAUSED && after.state() == ContainerState.RUNNING) {
            actions.add(Action.of("unpause"));
        } else if (wasUp && isUp && before.pid() == after.pid() && after.health() != null
                && !Objects.equals(before.health(), after.health())) {
            actions.add(Action.of("health_status: " + after.health()));
        }
        return actions;
    }
}
