package io.berth.runtime.build;

import java.time.Duration;

/**
 * Progress of a build, called from the builder's threads (stages build in parallel: methods
 * may be called concurrently for different steps; implementations synchronise themselves).
 * Every method has an empty default, so a listener overrides only what it shows.
 */
public interface BuildListener {
    BuildListener NONE = new BuildListener() { };

    /** A base image is being resolved or pulled ("FROM busybox"). */
    default void resolvingImage(String reference) { }

    /** The step starts to run (it missed the cache). */
    default void stepStarted(BuildStep step) { }

    /** The step's result came from the cache; nothing runs. */
    default void stepCached(BuildStep step) { }

    /** Why the step missed the cache: "src/app.py changed", "no earlier build of this step", "--no-cache". */
    default void cacheMiss(BuildStep step, String reason) { }

    /** One line a RUN wrote on stdout or stderr (without the newline). */
    default void output(BuildStep step, OutputStream stream, String line) { }

    /** The step finished (ran and succeeded). */
    default void stepDone(BuildStep step, Duration elapsed) { }

    /** The step failed; the build ends with a {@link BuildException} carrying the same failure. */
    default void stepFailed(BuildStep step, Duration elapsed, String message) { }

    /** The image is being written and tagged ("exporting to image"). */
    default void exporting(String what) { }

    enum OutputStream { STDOUT, STDERR }
}
