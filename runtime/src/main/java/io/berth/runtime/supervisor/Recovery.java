package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerState;
import io.berth.runtime.linux.ProcStat;
import io.berth.runtime.state.ContainerRecord;

/**
 * What a (re)started supervisor does with the state it finds: every container whose PID is
 * still the same process (PID and start time) is re-adopted (watched through a pidfd, its logs
 * pumped on); one that ended while no supervisor ran is recorded as exited with an unknown exit
 * code (it was no longer our child, so its status was reaped by init, not by us: a known
 * limitation); half-done starts and removals are finished.
 */
final class Recovery {
    private Recovery() {
    }

    static void recover(ContainerManager manager, ContainerStopper stopper) {
        var loaded = manager.store().loadAll(e -> ContainerManager.log("skipping: " + e.getMessage()));
        for (ContainerRecord record : loaded) {
            manager.load(record);
        }
        for (ContainerRecord record : loaded) {
            manager.withLock(record.id(), () -> recoverOne(manager, stopper, manager.require(record.id())));
        }
        // what a dead supervisor left of containers that no longer run or exist: netns, veths,
        // ports, addresses, volume users
        java.util.Set<io.berth.runtime.ContainerId> existing = new java.util.HashSet<>(manager.records().keySet());
        java.util.Set<io.berth.runtime.ContainerId> running = new java.util.HashSet<>();
        manager.records().values().stream().filter(ContainerManager::isUp)
                .forEach(r -> running.add(r.id()));
        ContainerManager.quietly("sweep networks", () -> manager.networks().sweep(existing, running));
        ContainerManager.quietly("sweep volumes", () -> manager.volumes().sweep(existing));
    }

    private static void recoverOne(ContainerManager manager, ContainerStopper stopper, ContainerRecord found) {
        ContainerRecord record = found.starting() ? cleanUpInterruptedStart(manager, found) : found;
        switch (record.state()) {
            case RUNNING, PAUSED -> {
                if (ProcStat.isSameProcess(record.pid(), record.pidStartTime())) {
                    ContainerManager.log("re-adopted " + record.name() + " (PID " + record.pid() + ")");
                    manager.stdio().recover(record.id(), io.berth.runtime.container.ContainerStdio.of(
                            record.spec().tty(), record.spec().stdinOpen()));
                    manager.logPump().register(record.id(), record.spec().options().logging());
                    manager.reaper().watch(record.id(), record.pid());
                    manager.health().watch(record);
                } else {
                    ContainerManager.log(record.name() + " exited while unsupervised; exit code unknown");
                    manager.handleExit(new Reaper.Exit(record.id(), record.pid(), null));
                }
            }
            case RESTARTING -> {
                ContainerRecord restarting = record;
                manager.events().schedule(() -> manager.withLock(restarting.id(), () -> {
                    ContainerRecord current = manager.records().get(restarting.id());
                    if (current != null && current.state() == ContainerState.RESTARTING) {
                        try {
                            manager.startAfterBackoff(current);
                        } catch (RuntimeException e) {
                            ContainerManager.log("restart of " + current.name() + " failed: " + e.getMessage());
                        }
                    }
                }), RestartDecision.FIRST_DELAY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            case REMOVING -> {
                ContainerRecord removing = record;
                ContainerManager.quietly("finish removing " + record.name(),
                        () -> stopper.finishRemoval(removing));
            }
            default -> {
            }
        }
    }

    private static ContainerRecord cleanUpInterruptedStart(ContainerManager manager, ContainerRecord record) {
        // The supervisor died while the launcher ran: what it made is cleaned up; the process,
        // if it got as far as running, was never recorded, so only the launcher's cleanup (its
        // cgroup) can end it.
        ContainerManager.quietly("clean up interrupted start of " + record.name(),
                () -> manager.launcher().cleanup(record.launch()));
        ContainerManager.quietly("detach networks of " + record.name(),
                () -> manager.networks().detach(record.id(), record.name(), record.spec()));
        ContainerRecord cleaned = record.toBuilder().starting(false)
                .error("the supervisor stopped while this container was starting").build();
        manager.store().save(cleaned);
        manager.publish(cleaned);
        return cleaned;
    }
}
