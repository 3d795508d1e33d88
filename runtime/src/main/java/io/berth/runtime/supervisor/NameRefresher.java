package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import io.berth.runtime.launch.NetworkAccess;
import io.berth.runtime.state.ContainerRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Decides which containers the /etc/hosts files list, and rewrites them one refresh at a time.
 *
 * <p>Containers start in parallel (each under its own lock), so a refresh must see every container
 * that is starting, not only the running ones: otherwise two replicas started together each write
 * the peers' files without the other, the last write wins, and one replica stays missing (seen
 * with {@code up --scale client=5}). A starting container is registered with its addresses
 * before its refresh and dropped once it runs (then its record says the same) or failed; every
 * refresh reads that set and the records afresh under one lock, so the last refresh sees all.
 */
final class NameRefresher {
    private final Supplier<Collection<ContainerRecord>> records;
    private final NetworkAccess networks;
    private final Map<ContainerId, ContainerRecord> starting = new ConcurrentHashMap<>();
    private final Object refreshing = new Object();

    NameRefresher(Supplier<Collection<ContainerRecord>> records, NetworkAccess networks) {
        this.records = records;
        this.networks = networks;
    }

    /** Peers see a starting container (its record with the addresses just attached), and it sees them. */
    void refreshWithStarting(ContainerRecord startingWithNetwork) {
        starting.put(startingWithNetwork.id(), startingWithNetwork);
        refresh();
    }

    /** The start ended: running (its record now has the addresses) or failed (then refresh again). */
    void startEnded(ContainerId id, boolean failed) {
        starting.remove(id);
        if (failed) {
            refresh();
        }
    }

    void refresh() {
        synchronized (refreshing) {
            List<ContainerRecord> visible = new ArrayList<>(starting.values());
            for (ContainerRecord record : records.get()) {
                if (ContainerManager.isUp(record) && !starting.containsKey(record.id())) {
                    visible.add(record);
                }
            }
            ContainerManager.quietly("update the hosts files", () -> networks.refreshNames(visible));
        }
    }
}
