package io.berth.cli;

/**
 * Start-up phases on stderr when BERTH_TRACE is set: milliseconds since main began, the
 * process's CPU time (user+sys, all threads, from /proc/self/stat; 10 ms ticks) since the JVM
 * began, and the calling thread's (for main: the critical path when another core is free). The JVM's own start before main shows with -Xlog:startuptime or class+load:uptime.
 * Off, one getenv.
 */
public final class Trace {
    private static final boolean ON = System.getenv("BERTH_TRACE") != null;
    private static final long START = System.nanoTime();

    private Trace() {
    }

    public static void mark(String phase) {
        if (ON) {
            System.err.printf("berth-trace %5d ms  cpu %4d ms  thread %4d ms  %s%n",
                    (System.nanoTime() - START) / 1_000_000, cpuMillis("/proc/self/stat"),
                    cpuMillis("/proc/thread-self/stat"), phase);
        }
    }

    private static long cpuMillis(String statFile) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of(statFile));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // utime, stime: ticks of 10 ms
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
