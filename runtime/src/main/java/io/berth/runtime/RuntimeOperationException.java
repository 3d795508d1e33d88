package io.berth.runtime;

/**
 * A runtime operation that failed, worded for people: what was being attempted, on what,
 * and why it failed ("start container demo-web-1: mount /data: No such file or directory").
 */
public class RuntimeOperationException extends RuntimeException {
    public enum Kind {
        NOT_FOUND, CONFLICT, INVALID, FAILED,
        /** The container's command (or its working directory) is not there: exit code 127, as Docker. */
        COMMAND_NOT_FOUND,
        /** The command is there but cannot be executed (a directory, no execute bit): 126, as Docker. */
        COMMAND_NOT_EXECUTABLE;

        /** The kind of a command that could not run with this exit code (127 or 126), else FAILED. */
        public static Kind ofCommandExit(int exitCode) {
            return exitCode == 127 ? COMMAND_NOT_FOUND : exitCode == 126 ? COMMAND_NOT_EXECUTABLE : FAILED;
        }

        /** 127 or 126 for a command that could not run, as docker run and exec exit; else empty. */
        public java.util.OptionalInt commandExitCode() {
            return this == COMMAND_NOT_FOUND ? java.util.OptionalInt.of(127)
                    : this == COMMAND_NOT_EXECUTABLE ? java.util.OptionalInt.of(126) : java.util.OptionalInt.empty();
        }
    }

    private final Kind kind;

    public RuntimeOperationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RuntimeOperationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
