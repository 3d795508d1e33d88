package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerState;
import io.berth.runtime.StopResult;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.launch.LaunchPlanner;
import io.berth.runtime.linux.ProcStat;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.Signals;
import io.berth.runtime.state.ContainerRecord;
import io.berth.runtime.state.StateTransitions;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Stop, kill and remove: the ways a container ends, each leaving consistent state behind. */
final class ContainerStopper {
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);
    private static final Set<Integer> STOPPING_SIGNALS = Set.of(Signals.SIGKILL, Signals.SIGTERM, 2, 3);
    private final ContainerManager manager;
    private final ContainerPauser pauser;

    ContainerStopper(ContainerManager manager) {
        this.manager = manager;
        this.pauser = new ContainerPauser(manager);
    }

    ContainerPauser pauser() {
        return pauser;
    }

    StopResult stop(ContainerId id, Duration timeout) {
        long began = System.nanoTime();
        pauser.thawIfPaused(id);
        ContainerRecord record = markStopped(id);
        if (record.state() != ContainerState.RUNNING) {
            return new StopResult(id, false, false, false, since(began));
        }
        int signal = Signals.parse(LaunchPlanner.stopSignal(record.spec(), record.image()));
        manager.eventLog().add("kill", record, java.util.Map.of("signal", Integer.toString(signal)));
        Duration grace = timeout != null ? timeout
                : record.spec().stopGracePeriod() != null ? record.spec().stopGracePeriod() : DEFAULT_GRACE;
        boolean killedEarly = false;
        boolean killedAfterTimeout = false;
        if (!ProcStat.isSameProcess(record.pid(), record.pidStartTime())) {
            // already gone: the reaper is about to report it
        } else if (signal != Signals.SIGKILL && !joinsAPidNamespace(record)
                && !ProcStat.catchesSignal(record.pid(), signal)) {
            // PID 1 of a PID namespace without a handler never sees the signal: waiting is futile
            CgroupProcesses.killAll(record.cgroup(), record.pid());
            killedEarly = true;
        } else {
            ProcessCalls.killIfAlive(record.pid(), signal);
            if (stillRunning(manager.waitForExit(id, grace))) {
                CgroupProcesses.killAll(record.cgroup(), record.pid());
                killedAfterTimeout = signal != Signals.SIGKILL;
            }
        }
        if (stillRunning(manager.waitForExit(id, AFTER_KILL))) {
            throw new RuntimeOperationException(Kind.FAILED, "stop container " + record.name()
                    + ": PID " + record.pid() + " did not exit after SIGKILL");
        }
        Optional.ofNullable(manager.records().get(id))
                .ifPresent(stopped -> manager.eventLog().add("stop", stopped, java.util.Map.of()));
        return new StopResult(id, true, killedEarly, killedAfterTimeout, since(began));
    }

    void kill(ContainerId id, String signalName) {
        int signal = Signals.parse(signalName == null ? "SIGKILL" : signalName);
        ContainerRecord record = pauser.thawIfPaused(id);
        if (record.state() != ContainerState.RUNNING) {
            throw new RuntimeOperationException(Kind.CONFLICT, "kill container " + record.name()
                    + ": it is not running");
        }
        if (STOPPING_SIGNALS.contains(signal)) {
            record = markStopped(id);
        }
        manager.eventLog().add("kill", record, java.util.Map.of("signal", Integer.toString(signal)));
        if (!ProcStat.isSameProcess(record.pid(), record.pidStartTime())) {
            return;
        }
        if (signal == Signals.SIGKILL) {
            CgroupProcesses.killAll(record.cgroup(), record.pid());
        } else {
            ProcessCalls.killIfAlive(record.pid(), signal);
        }
    }

    void remove(ContainerId id, boolean force) {
        remove(id, force, false);
    }

    /** {@code removeAnonymousVolumes}: {@code rm -v}, its anonymous volumes go too unless others use them. */
    void remove(ContainerId id, boolean force, boolean removeAnonymousVolumes) {
        ContainerRecord record = manager.require(id);
        if (record.state() == ContainerState.PAUSED) {
            if (!force) {
                throw new RuntimeOperationException(Kind.CONFLICT, "remove container " + record.name()
                        + ": it is paused; unpause and stop it first, or force the removal");
            }
            record = pauser.thawIfPaused(id);
        }
        if (record.state() == ContainerState.RUNNING) {
            if (!force) {
                throw new RuntimeOperationException(Kind.CONFLICT, "remove container " + record.name()
                        + ": it is running; stop it first or force the removal");
            }
            ContainerRecord stopping = markStopped(id);
            manager.eventLog().add("kill", stopping, java.util.Map.of("signal", Integer.toString(Signals.SIGKILL)));
            CgroupProcesses.killAll(record.cgroup(), record.pid());
            if (stillRunning(manager.waitForExit(id, AFTER_KILL))) {
                throw new RuntimeOperationException(Kind.FAILED, "remove container " + record.name()
                        + ": PID " + record.pid() + " did not exit after SIGKILL");
            }
        }
        manager.withLock(id, () -> {
            ContainerRecord current = manager.require(id);
            if (current.state() == ContainerState.RUNNING) {
                throw new RuntimeOperationException(Kind.CONFLICT, "remove container " + current.name()
                        + ": it was started again meanwhile");
            }
            finishRemoval(current, removeAnonymousVolumes);
        });
    }

    /** Under the container's lock; also used by recovery for a removal a dead supervisor began. */
    void finishRemoval(ContainerRecord current) {
        finishRemoval(current, false);
    }

    private void finishRemoval(ContainerRecord current, boolean removeAnonymousVolumes) {
        StateTransitions.check(current.name(), current.state(), ContainerState.REMOVING);
        ContainerRecord removing = current.toBuilder().state(ContainerState.REMOVING).build();
        manager.store().save(removing);
        manager.publish(removing);
        manager.stdio().forget(current.id());
        manager.logPump().forget(current.id());
        manager.health().forget(current.id());
        try {
            if (current.launch() != null) {
                manager.launcher().cleanup(current.launch());
            }
            manager.networks().detach(current.id(), current.name(), current.spec());
            manager.networks().release(current.id());
            manager.releaseVolumes(current.id(), current.volumes());
            if (removeAnonymousVolumes) {
                current.volumes().forEach(name -> ContainerManager.quietly("remove volume " + name,
                        () -> manager.volumes().removeIfAnonymous(name)));
            }
            manager.store().delete(current.id());
        } catch (IOException | RuntimeException e) {
            ContainerRecord dead = removing.toBuilder().state(ContainerState.DEAD).error(e.getMessage()).build();
            manager.store().save(dead);
            manager.publish(dead);
            throw new RuntimeOperationException(Kind.FAILED, "remove container " + current.name() + ": "
                    + e.getMessage(), e);
        }
        manager.forget(current.id());
        manager.refreshNamesLater();
    }

    /** Records that stop/kill was asked for, so no restart policy brings it back. */
    private ContainerRecord markStopped(ContainerId id) {
        ContainerRecord[] result = new ContainerRecord[1];
        manager.withLock(id, () -> {
            ContainerRecord record = manager.require(id);
            ContainerRecord updated = record.toBuilder().stoppedByUser(true).build();
            if (record.state() == ContainerState.RESTARTING) {
                updated = updated.toBuilder().state(ContainerState.EXITED).build();
            }
            manager.store().save(updated);
            manager.publish(updated);
            result[0] = updated;
        });
        return result[0];
    }

    private static boolean stillRunning(Optional<io.berth.runtime.ContainerInfo> info) {
        return info.isPresent() && info.get().state() == ContainerState.RUNNING;
    }

    private static Duration since(long began) {
        return Duration.ofNanos(System.nanoTime() - began);
    }

    /** pid: host or container:x: the command is not PID 1, so the default action of the signal applies. */
    private static boolean joinsAPidNamespace(io.berth.runtime.state.ContainerRecord record) {
        String mode = record.spec().pidMode();
        return mode != null && (mode.equals("host") || mode.startsWith("container:"));
    }
}
