package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerState;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.state.ContainerRecord;

/**
 * pause and unpause: every process of the container frozen in its cgroup (the v1 freezer, v2's
 * cgroup.freeze), the state PAUSED meanwhile. A paused container is alive: the reaper keeps
 * watching it, its network and names stay, health probes wait; stop, kill and a forced removal
 * thaw it first (as dockerd does), so that the signal is acted upon.
 */
final class ContainerPauser {
    private final ContainerManager manager;

    ContainerPauser(ContainerManager manager) {
        this.manager = manager;
    }

    void pause(ContainerId id) {
        manager.withLock(id, () -> {
            ContainerRecord record = manager.require(id);
            if (record.state() == ContainerState.PAUSED) {
                throw new RuntimeOperationException(Kind.CONFLICT, "container " + record.name() + " is already paused");
            }
            if (record.state() != ContainerState.RUNNING) {
                throw new RuntimeOperationException(Kind.CONFLICT, "container " + record.name() + " is not running");
            }
            freeze(record, true);
            save(record.toBuilder().state(ContainerState.PAUSED).build());
        });
    }

    void unpause(ContainerId id) {
        manager.withLock(id, () -> {
            ContainerRecord record = manager.require(id);
            if (record.state() != ContainerState.PAUSED) {
                throw new RuntimeOperationException(Kind.CONFLICT, "container " + record.name() + " is not paused");
            }
            thaw(record);
        });
    }

    /** Thaws the container if it is paused (before a stop, a kill or a forced removal); the record as it is now. */
    ContainerRecord thawIfPaused(ContainerId id) {
        ContainerRecord[] result = new ContainerRecord[1];
        manager.withLock(id, () -> {
            ContainerRecord record = manager.require(id);
            result[0] = record.state() == ContainerState.PAUSED ? thaw(record) : record;
        });
        return result[0];
    }

    private ContainerRecord thaw(ContainerRecord record) {
        freeze(record, false);
        return save(record.toBuilder().state(ContainerState.RUNNING).build());
    }

    private void freeze(ContainerRecord record, boolean frozen) {
        try {
            manager.launcher().setFrozen(record.id(), frozen);
        } catch (RuntimeException e) {
            throw new RuntimeOperationException(Kind.FAILED, (frozen ? "pause" : "unpause") + " container "
                    + record.name() + ": " + e.getMessage(), e);
        }
    }

    private ContainerRecord save(ContainerRecord updated) {
        manager.store().save(updated);
        manager.publish(updated);
        return updated;
    }
}
