package io.berth.engine.reconcile;

import io.berth.runtime.ContainerInfo;
import java.util.List;

/** What to do with one replica, before it becomes steps: which of stop/remove/create/start. */
record Intent(ContainerInfo container, int number, boolean stop, boolean remove, boolean create, boolean start,
              String cause) {
    static Intent create(int number, String cause) {
        return new Intent(null, number, false, false, true, true, cause);
    }

    static Intent createOnly(int number, String cause) {
        return new Intent(null, number, false, false, true, false, cause);
    }

    static List<Intent> forExisting(ContainerInfo container, int number, List<String> recreateReasons,
                                    String restartReason, boolean noStart) {
        boolean running = container.state().isRunning();
        if (!recreateReasons.isEmpty()) {
            String cause = "recreate: " + String.join(", ", recreateReasons);
            return List.of(new Intent(container, number, running, true, true, !noStart, cause));
        }
        if (restartReason != null) {
            return List.of(new Intent(container, number, true, false, false, true, "restart: " + restartReason));
        }
        if (!running && !noStart) {
            return List.of(new Intent(container, number, false, false, false, true,
                    "container is " + container.state().dockerName()));
        }
        return List.of();
    }
}
