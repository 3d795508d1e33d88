package io.berth.runtime.logs;

import java.time.Instant;

/**
 * The supervisor's own log lines, on its stderr (which the starter sends to supervisor.log).
 * Here rather than in the daemon's package so that launch preparation can log without
 * depending on the daemon.
 */
public final class SupervisorLog {
    private SupervisorLog() {
    }

    /** Runs {@code action}; a failure is logged as "what: message" and otherwise ignored. */
    public static void quietly(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log(what + ": " + e.getMessage());
        }
    }

    /** A line of the log; a message repeated within a minute (a full disk, every tick) is counted instead. */
    public static void log(String message) {
        String line = REPEATS.filter(message);
        if (line != null) {
            System.err.println(Instant.now() + " supervisor: " + line);
        }
    }

    private static final RepeatFilter REPEATS = new RepeatFilter(java.time.Duration.ofMinutes(1), System::nanoTime);
}
