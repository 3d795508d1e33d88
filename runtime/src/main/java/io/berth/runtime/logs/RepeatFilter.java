package io.berth.runtime.logs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keeps the supervisor's own log readable when something fails over and over (a full disk made
 * the log pump report every 200 ms, for every container): a message already said within the
 * window is counted, not printed; when it is said again after the window, the count goes with it.
 */
public final class RepeatFilter {
    private static final int REMEMBERED = 256;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Map<String, long[]> seen = new LinkedHashMap<>(16, 0.75f, true) { // {lastPrinted, suppressed}
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > REMEMBERED;
        }
    };

    public RepeatFilter(Duration window, LongSupplier nanoClock) {
        this.windowNanos = window.toNanos();
        this.clock = nanoClock;
    }

    /** The line to print for {@code message} now, or null to say nothing. */
    public synchronized String filter(String message) {
        long now = clock.getAsLong();
        long[] state = seen.get(message);
        if (state != null && now - state[0] < windowNanos) {
            state[1]++;
            return null;
        }
        long suppressed = state == null ? 0 : state[1];
        seen.put(message, new long[] {now, 0});
        return suppressed == 0 ? message : message + " (and " + suppressed + " times more since it was last logged)";
    }
}
