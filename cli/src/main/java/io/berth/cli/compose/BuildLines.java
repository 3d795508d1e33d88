package io.berth.cli.compose;

import io.berth.runtime.build.BuildListener;
import io.berth.runtime.build.BuildStep;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A build's progress as BuildKit's plain output shows it, for CI and {@code --progress plain}:
 * {@code #5 [web 2/4] RUN make}, the RUN's output as {@code #5 0.412 line}, then {@code #5 DONE 0.4s},
 * {@code #5 CACHED} or {@code #5 ERROR: ...}; Berth adds one line per cache miss ({@code #5 cache miss: ...}).
 * Vertex numbers count across every build of the command, as BuildKit's do.
 */
final class BuildLines implements BuildListener {
    private final PrintStream out;
    private final String service;
    private final AtomicInteger vertices;
    private final Map<Integer, Integer> numbers = new ConcurrentHashMap<>();
    private final Map<Integer, Long> started = new ConcurrentHashMap<>();

    BuildLines(PrintStream out, String service, AtomicInteger vertices) {
        this.out = out;
        this.service = service;
        this.vertices = vertices;
    }

    /** "[web 2/4] RUN make"; an unnamed stage is left out, as BuildKit leaves out the last one's. */
    static String title(String service, BuildStep step) {
        boolean named = !step.stage().isEmpty() && !step.stage().chars().allMatch(Character::isDigit);
        return "[" + service + (named ? " " + step.stage() : "") + " " + step.index() + "/" + step.total() + "] "
                + step.text();
    }

    static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1fs", elapsed.toMillis() / 1000.0);
    }

    private int number(BuildStep step) {
        return numbers.computeIfAbsent(step.index(), index -> vertices.incrementAndGet());
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void resolvingImage(String reference) {
        print("#" + vertices.incrementAndGet() + " [" + service + " internal] load metadata for " + reference);
    }

    @Override
    public void stepStarted(BuildStep step) {
        started.put(step.index(), System.nanoTime());
        print("#" + number(step) + " " + title(service, step));
    }

    @Override
    public void stepCached(BuildStep step) {
        int number = number(step);
        print("#" + number + " " + title(service, step) + "\n#" + number + " CACHED");
    }

    @Override
    public void cacheMiss(BuildStep step, String reason) {
        print("#" + number(step) + " cache miss: " + reason);
    }

    @Override
    public void output(BuildStep step, OutputStream stream, String line) {
        Long start = started.get(step.index());
        double at = start == null ? 0 : (System.nanoTime() - start) / 1e9;
        print(String.format(Locale.ROOT, "#%d %.3f %s", number(step), at, line));
    }

    @Override
    public void stepDone(BuildStep step, Duration elapsed) {
        print("#" + number(step) + " DONE " + seconds(elapsed));
    }

    @Override
    public void stepFailed(BuildStep step, Duration elapsed, String message) {
        String first = message.lines().findFirst().orElse(message);
        print("#" + number(step) + " ERROR: " + (first.endsWith("; its last output:")
                ? first.substring(0, first.length() - "; its last output:".length()) : first));
    }

    @Override
    public void exporting(String what) {
        print("#" + vertices.incrementAndGet() + " [" + service + "] " + what);
    }
}
