package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerEvent;
import io.berth.runtime.state.ContainerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The supervisor's event feed: the last {@link #CAPACITY} container events in memory (a bounded
 * ring: a reader that falls that far behind misses the oldest), each with a sequence number that
 * readers resume after. Lifecycle events are derived from each published state change
 * ({@link EventActions}), so every way a container changes (a request of any client, an exit, a
 * restart policy, a healthcheck, recovery) is seen; stop and kill are the requests themselves.
 */
final class ContainerEventLog {
    static final int CAPACITY = 1024;
    private final ArrayDeque<ContainerEvent> ring = new ArrayDeque<>();
    /** Tells readers which supervisor they follow: sequences of a new one start again at 1. */
    private final String epoch = Long.toHexString(ProcessHandle.current().pid()) + "-" + Long.toHexString(System.nanoTime());
    private long lastSequence;

    String epoch() {
        return epoch;
    }

    /** The events a change of {@code before} into {@code after} means (before null: a create). */
    void changed(ContainerRecord before, ContainerRecord after) {
        for (EventActions.Action action : EventActions.between(EventActions.Seen.of(before), EventActions.Seen.of(after))) {
            add(action.name(), after, action.attributes());
        }
    }

    synchronized void add(String action, ContainerRecord record, Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>(record.spec().labels());
        attributes.put("name", record.name());
        attributes.put("image", record.spec().image().familiar());
        attributes.putAll(extra);
        ring.addLast(new ContainerEvent(++lastSequence, Instant.now(), action, record.id(), attributes));
        while (ring.size() > CAPACITY) {
            ring.removeFirst();
        }
        notifyAll();
    }

    synchronized long lastSequence() {
        return lastSequence;
    }

    /** The events after {@code sequence}, waiting up to {@code wait} for one when there are none yet. */
    synchronized List<ContainerEvent> after(long sequence, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (lastSequence <= sequence) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return List.of();
            }
            wait(Math.max(1, left / 1_000_000));
        }
        List<ContainerEvent> events = new ArrayList<>();
        for (ContainerEvent event : ring) {
            if (event.sequence() > sequence) {
                events.add(event);
            }
        }
        return events;
    }
}
