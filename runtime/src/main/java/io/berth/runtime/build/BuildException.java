package io.berth.runtime.build;

import java.util.List;
import java.util.Optional;

/**
 * A build that could not complete: a bad Dockerfile (every problem at once, each
 * "Dockerfile:LINE:COL: what is wrong"), a failing RUN (file:line, command, exit code and its last
 * output lines), a missing base image or context file. The message is for people, whole.
 */
public class BuildException extends RuntimeException {
    private final List<String> problems;
    private final Optional<RunFailure> runFailure;

    public BuildException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
        this.runFailure = Optional.empty();
    }

    public BuildException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
        this.runFailure = Optional.empty();
    }

    public BuildException(RunFailure failure) {
        super(failure.message());
        this.problems = List.of(failure.message());
        this.runFailure = Optional.of(failure);
    }

    /** Each problem on its own, sorted by place as the Dockerfile has them. */
    public List<String> problems() {
        return problems;
    }

    /** Present when a RUN step exited non-zero. */
    public Optional<RunFailure> runFailure() {
        return runFailure;
    }

    /**
     * A RUN that failed.
     *
     * @param location   "Dockerfile:7"
     * @param command    the command as written after substitution
     * @param exitCode   its exit status (128+N when killed by signal N)
     * @param lastOutput its last output lines (stdout and stderr interleaved), at most 20
     */
    public record RunFailure(String location, String command, int exitCode, List<String> lastOutput) {
        public RunFailure {
            lastOutput = List.copyOf(lastOutput);
        }

        public String message() {
            StringBuilder text = new StringBuilder();
            text.append(location).append(": RUN ").append(command)
                    .append(": exited with code ").append(exitCode);
            if (!lastOutput.isEmpty()) {
                text.append("; its last output:");
                for (String line : lastOutput) {
                    text.append("\n  ").append(line);
                }
            }
            return text.toString();
        }
    }
}
