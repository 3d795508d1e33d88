package io.berth.runtime.build.exec;

import io.berth.runtime.ContainerId;
import io.berth.runtime.container.KernelContainerLauncher;
import io.berth.runtime.container.LaunchRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RUN containers of this JVM that are running now. A build interrupted by Ctrl-C (the JVM's
 * shutdown) must not leave them behind: they are the JVM's children in PID namespaces of their
 * own, and would keep running with their overlay mounted and their cgroup. A shutdown hook kills
 * them through their cgroup and undoes the mount and cgroup.
 */
final class ActiveSteps {
    private static final Map<ContainerId, Runnable> ACTIVE = new ConcurrentHashMap<>();
    private static volatile boolean hooked;

    private ActiveSteps() {
    }

    static void started(KernelContainerLauncher launcher, LaunchRequest request, Runnable alsoUndo) {
        hook();
        ACTIVE.put(request.id(), () -> {
            try {
                try {
                    launcher.killAll(request.id());
                } finally {
                    launcher.cleanup(request);
                }
            } finally {
                alsoUndo.run();
            }
        });
    }

    static void ended(ContainerId id) {
        ACTIVE.remove(id);
    }

    private static synchronized void hook() {
        if (hooked) {
            return;
        }
        hooked = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Runnable undo : ACTIVE.values()) {
                try {
                    undo.run();
                } catch (RuntimeException e) {
                    System.err.println("build step clean-up at exit: " + e.getMessage());
                }
            }
        }, "berth-build-cleanup"));
    }
}
