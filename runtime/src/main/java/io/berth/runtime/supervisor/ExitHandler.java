package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerState;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.container.KernelContainerLauncher;
import io.berth.runtime.state.ContainerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * What follows a container's exit, under its lock: its resources released, the exit recorded, and
 * a restart scheduled when its policy asks for one.
 */
final class ExitHandler {
    private final ContainerManager manager;

    ExitHandler(ContainerManager manager) {
        this.manager = manager;
    }

    /** On an exits thread (or recovery's). A stale exit (another PID by now) is ignored. */
    void handleExit(Reaper.Exit exit) {
        manager.withLock(exit.id(), () -> {
            ContainerRecord record = manager.records().get(exit.id());
            if (record == null || record.pid() != exit.pid() || !ContainerManager.isUp(record)) {
                return;
            }
            // each step on its own: one that fails must not keep the exit from being recorded (the
            // container would show Running forever, and wait would never return)
            quietly("release the terminal or stdin of " + record.name(), () -> manager.stdio().exited(record.id()));
            quietly("pump the last logs of " + record.name(), () -> manager.logPump().finish(record.id()));
            quietly("stop the healthcheck of " + record.name(), () -> manager.health().forget(record.id()));
            boolean oom = oomKilled(record);
            // make sure nothing of it is left (a PID 1 outside a PID namespace may leave children)
            quietly("kill what is left of " + record.name(), () -> CgroupProcesses.killAll(record.cgroup(), 0));
            quietly("clean up container " + record.name(), () -> manager.launcher().cleanup(record.launch()));
            quietly("detach networks of " + record.name(),
                    () -> manager.networks().detach(record.id(), record.name(), record.spec()));
            Instant now = Instant.now();
            boolean restart = RestartDecision.shouldRestart(record.spec().restartPolicy(), exit.exitCode(),
                    record.stoppedByUser(), record.restartCount());
            ContainerRecord exited = record.toBuilder()
                    .state(restart ? ContainerState.RESTARTING : ContainerState.EXITED)
                    .exit(exit.exitCode(), exit.exitCode() == null, oom, now).build();
            manager.store().save(exited);
            manager.publish(exited);
            manager.refreshNamesLater();
            if (restart) {
                Duration ran = record.startedAt() == null ? null : Duration.between(record.startedAt(), now);
                scheduleRestart(record.id(), RestartDecision.delay(record.restartCount(), ran));
            }
        });
    }

    /** From the launcher's cgroup code when it is the kernel's (v1 or v2), else from the cgroup files. */
    private boolean oomKilled(ContainerRecord record) {
        if (manager.launcher() instanceof KernelContainerLauncher kernel) {
            try {
                return kernel.cgroups().oomKills(kernel.cgroupOf(record.id())) > 0;
            } catch (RuntimeException e) {
                ContainerManager.log("read the OOM count of " + record.name() + ": " + e.getMessage());
            }
        }
        return CgroupProcesses.oomKilled(record.cgroup());
    }

    private void scheduleRestart(ContainerId id, Duration delay) {
        manager.events().schedule(() -> manager.withLock(id, () -> {
            ContainerRecord record = manager.records().get(id);
            if (record == null || record.state() != ContainerState.RESTARTING || record.stoppedByUser()) {
                return;
            }
            try {
                manager.startAfterBackoff(record);
            } catch (RuntimeOperationException e) {
                System.err.println("supervisor: restart of " + record.name() + " failed: " + e.getMessage());
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void quietly(String what, Runnable action) {
        ContainerManager.quietly(what, action);
    }
}
