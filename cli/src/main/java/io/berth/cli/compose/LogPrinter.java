package io.berth.cli.compose;

import io.berth.engine.ComposeEngine;
import io.berth.engine.ComposeLabels;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.LogLine;
import io.berth.runtime.LogQuery;
import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Container logs as Docker Compose prints them: "web-1  | line", the prefix padded to the longest
 * and coloured per service on a terminal. Follows each container on its own thread.
 */
final class LogPrinter {
    /** Docker Compose's rainbow: cyan, yellow, green, magenta, blue, then the bright ones. */
    private static final int[] COLOURS = {36, 33, 32, 35, 34, 96, 93, 92, 95, 94};

    private final ContainerRuntime runtime;
    private final PrintStream out;
    private final boolean colour;
    private final boolean prefix;
    private final boolean timestamps;
    private final Map<String, String> prefixes = new HashMap<>();
    private final Map<String, Thread> followers = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean stopped;

    LogPrinter(ContainerRuntime runtime, PrintStream out, boolean colour, boolean prefix, boolean timestamps) {
        this.runtime = runtime;
        this.out = out;
        this.colour = colour;
        this.prefix = prefix;
        this.timestamps = timestamps;
    }

    /** Fixes the prefixes (and their width) for these containers; call before printing. */
    LogPrinter prepare(List<ContainerInfo> containers) {
        int width = containers.stream().mapToInt(container -> shortName(container).length()).max().orElse(0);
        List<String> services = new ArrayList<>(new TreeSet<>(containers.stream()
                .map(container -> ComposeLabels.of(container).serviceOrEmpty()).toList()));
        for (ContainerInfo container : containers) {
            String name = shortName(container);
            String text = name + " ".repeat(width - name.length()) + "  | ";
            if (colour) {
                int index = services.indexOf(ComposeLabels.of(container).serviceOrEmpty());
                text = "\u001b[" + COLOURS[index % COLOURS.length] + "m" + text + "\u001b[0m";
            }
            prefixes.put(container.id().value(), text);
        }
        return this;
    }

    static String shortName(ContainerInfo container) {
        return ComposeEngine.shortName(ComposeLabels.of(container).service(), container.name());
    }

    synchronized void print(LogLine line) {
        StringBuilder text = new StringBuilder();
        if (prefix) {
            text.append(prefixes.getOrDefault(line.container().value(), ""));
        }
        if (timestamps) {
            text.append(DateTimeFormatter.ISO_INSTANT.format(line.time())).append(' ');
        }
        text.append(line.text());
        out.println(text);
        out.flush();
    }

    /** Prints every container's lines merged by time (no follow). */
    void printAll(List<ContainerInfo> containers, LogQuery query) {
        List<LogLine> lines = new ArrayList<>();
        for (ContainerInfo container : containers) {
            runtime.readLogs(container.id(), query, line -> lines.add(line));
        }
        lines.sort(Comparator.comparing(LogLine::time));
        lines.forEach(this::print);
    }

    /** Follows each container on a daemon thread until it stops or {@link #stop()} is called. */
    void follow(List<ContainerInfo> containers, LogQuery query) {
        for (ContainerInfo container : containers) {
            Thread thread = new Thread(() -> {
                try {
                    runtime.readLogs(container.id(), query, line -> {
                        if (!stopped) {
                            print(line);
                        }
                        return !stopped;
                    });
                } catch (RuntimeException gone) {
                    // the container was removed while followed: nothing more to print
                }
            }, "logs-" + container.name());
            thread.setDaemon(true);
            thread.start();
            followers.put(container.id().value(), thread);
        }
    }

    void join() throws InterruptedException {
        for (Thread thread : followers.values()) {
            thread.join();
        }
    }

    /**
     * Waits (at most {@code patience}) until a stopped container's last lines are printed: a
     * follow ends once the runtime has delivered everything the container wrote.
     */
    void drain(ContainerInfo container, java.time.Duration patience) throws InterruptedException {
        Thread follower = followers.get(container.id().value());
        if (follower != null) {
            follower.join(patience.toMillis());
        }
    }

    void drainAll(java.time.Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (Thread thread : followers.values()) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    void stop() {
        stopped = true;
    }
}
