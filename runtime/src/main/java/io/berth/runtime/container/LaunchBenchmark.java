package io.berth.runtime.container;

import io.berth.runtime.ContainerId;
import io.berth.runtime.linux.Capabilities;
import io.berth.runtime.linux.ProcessCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures container launch latency until execve of the command, for the benchmark notes:
 * {@code java -cp runtime.jar:jna.jar io.berth.runtime.container.LaunchBenchmark LAYER_DIR [RUNS]}
 * where LAYER_DIR is an unpacked image layer with /bin/true (e.g. a busybox root). Needs root.
 * Each run mounts, launches {@code true}, reaps it and cleans up; the first run is a warm-up.
 */
public final class LaunchBenchmark {
    private LaunchBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: LaunchBenchmark LAYER_DIR [RUNS]");
            System.exit(2);
        }
        Path layer = Path.of(args[0]).toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path state = Files.createTempDirectory("berth-bench-launch-");
        KernelContainerLauncher launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-bench");
        List<Long> millis = new ArrayList<>();
        List<Double> cpuMillis = new ArrayList<>();
        try {
            for (int run = 0; run <= runs; run++) {
                ContainerId id = ContainerId.random();
                Path dir = state.resolve(id.shortId());
                LaunchRequest request = new LaunchRequest(id, List.of(layer), dir.resolve("upper"), dir.resolve("work"),
                        dir.resolve("rootfs"), List.of("true"), List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin"), "/", 0, 0,
                        List.of(), "bench", "", null, null, dir.resolve("out.log"), dir.resolve("out.log"), null,
                        List.of(), Capabilities.DOCKER_DEFAULTS, true, false, Map.of(), List.of(), 0,
                        LaunchRequest.CgroupLimits.NONE);
                long start = System.nanoTime();
                LaunchedProcess process = launcher.launch(request);
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                double cpu = cpuMillis(process.pid()); // an exited child stays readable until reaped
                ProcessCalls.waitFor(process.pid());
                launcher.cleanup(request);
                if (run > 0) {
                    millis.add(elapsed);
                    cpuMillis.add(cpu);
                }
            }
        } finally {
            try (Stream<Path> paths = Files.walk(state)) {
                paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("container launch until execve (%d runs): median %d ms, min %d ms, max %d ms%n",
                runs, sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
        Collections.sort(cpuMillis);
        System.out.printf("CPU time of the init stage and the command (true): median %.2f ms, min %.2f ms%n",
                cpuMillis.get(cpuMillis.size() / 2), cpuMillis.get(0));
    }

    /**
     * CPU time of the process in milliseconds, kept across execve: the scheduler's run time in
     * nanoseconds (/proc/PID/schedstat), as utime + stime tick in 10 ms steps, too coarse for the
     * init stage.
     */
    private static double cpuMillis(long pid) throws IOException {
        String schedstat = Files.readString(Path.of("/proc", Long.toString(pid), "schedstat"));
        return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))) / 1e6;
    }
}
