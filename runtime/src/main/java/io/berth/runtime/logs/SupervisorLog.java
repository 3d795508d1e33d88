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
            System.err.println("supervisor: " + what + ": " + e.getMessage());
        }
    }

    public static void log(String message) {
        System.err.println(Instant.now() + " supervisor: " + message);
    }
}
