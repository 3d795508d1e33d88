package io.berth.cli;

/**
 * Start-up phases on stderr when BERTH_TRACE is set: milliseconds since main began (the JVM's
 * own start before main shows with -Xlog:startuptime or class+load:uptime). Off, one getenv.
 */
public final class Trace {
    private static final boolean ON = System.getenv("BERTH_TRACE") != null;
    private static final long START = System.nanoTime();

    private Trace() {
    }

    public static void mark(String phase) {
        if (ON) {
            System.err.printf("berth-trace %5d ms  %s%n", (System.nanoTime() - START) / 1_000_000, phase);
        }
    }
}
