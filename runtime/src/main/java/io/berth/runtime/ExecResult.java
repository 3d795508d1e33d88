package io.berth.runtime;

/**
 * How a command run by {@link ContainerRuntime#execCapturing} ended: its exit code (128 + signal
 * when killed) and its output, stdout and stderr interleaved as written, at most the last
 * {@link #MAX_OUTPUT} bytes.
 */
public record ExecResult(int exitCode, String output) {
    public static final int MAX_OUTPUT = 64 * 1024;

    public ExecResult {
        output = output == null ? "" : output;
    }
}
