package io.berth.cli.image;

import io.berth.runtime.build.BuildListener;
import io.berth.runtime.build.BuildStep;
import java.io.PrintWriter;
import java.time.Duration;

/** Plain progress lines, as BuildKit's --progress=plain prints them: one per event, a RUN's output prefixed. */
final class PlainBuildOutput implements BuildListener {
    private final PrintWriter err;
    private final boolean explain;

    PlainBuildOutput(PrintWriter err, boolean explain) {
        this.err = err;
        this.explain = explain;
    }

    @Override
    public synchronized void resolvingImage(String reference) {
        print("[internal] load metadata for " + reference);
    }

    @Override
    public synchronized void stepStarted(BuildStep step) {
        print("#" + step.index() + " " + step);
    }

    @Override
    public synchronized void stepCached(BuildStep step) {
        print("#" + step.index() + " " + step + " CACHED");
    }

    @Override
    public synchronized void cacheMiss(BuildStep step, String reason) {
        if (explain) {
            print("#" + step.index() + " cache miss: " + step.text() + ": " + reason);
        }
    }

    @Override
    public synchronized void output(BuildStep step, OutputStream stream, String line) {
        print("#" + step.index() + " " + line);
    }

    @Override
    public synchronized void stepDone(BuildStep step, Duration elapsed) {
        print("#" + step.index() + " DONE " + String.format("%.1fs", elapsed.toMillis() / 1000.0));
    }

    @Override
    public synchronized void stepFailed(BuildStep step, Duration elapsed, String message) {
        print("#" + step.index() + " ERROR " + String.format("%.1fs", elapsed.toMillis() / 1000.0));
    }

    @Override
    public synchronized void exporting(String what) {
        print("[export] " + what);
    }

    private void print(String line) {
        err.println(line);
        err.flush();
    }
}
