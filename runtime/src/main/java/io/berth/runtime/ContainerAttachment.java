package io.berth.runtime;

import java.time.Duration;

/**
 * A connection to a running container's stdin and, when it has a terminal, that terminal's output
 * ({@link ContainerRuntime#attach}); a pty master in-process ({@code exec -t}) is one too.
 * Closing it leaves the container running.
 */
public interface ContainerAttachment extends AutoCloseable {
    /** Output, waiting up to {@code patience}: empty when none came yet, null at the end. */
    byte[] read(Duration patience);

    void write(byte[] input);

    /** No more input: a stdin pipe is closed (a terminal has no end of input of its own). */
    void endInput();

    /** The terminal's new size in character cells (nothing without a terminal). */
    void resize(int rows, int columns);

    @Override
    default void close() {
    }
}
