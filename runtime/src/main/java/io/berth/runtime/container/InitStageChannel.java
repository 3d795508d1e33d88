package io.berth.runtime.container;

import io.berth.runtime.init.InitStage;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.ProcessCalls;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The launcher's end of the init stage's status pipe: lines "ready", "exec" or "error MESSAGE",
 * then end of file once execve closed the pipe (close-on-exec) or the stage died.
 */
final class InitStageChannel {
    static final String NO_ANSWER = "the init stage did not answer in time";
    private final int statusFd;
    private final long deadlineNanos;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean endOfFile;

    InitStageChannel(int statusFd, Duration timeout) {
        this.statusFd = statusFd;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /** Waits for {@code expected}; throws with the stage's own words when it reports an error instead. */
    void expect(String expected) {
        String line = nextLine();
        if (line == null) {
            throw new InitStageException("the init stage exited before it said \"" + expected + "\"");
        }
        throwIfFailure(line);
        if (!line.equals(expected)) {
            throw new InitStageException("the init stage said \"" + line + "\" where \"" + expected + "\" was due");
        }
    }

    /** After "exec": end of file means execve succeeded; anything else is the stage's error. */
    void expectEndOfFile() {
        String line = nextLine();
        if (line != null) {
            throwIfFailure(line);
            throw new InitStageException("unexpected from the init stage: " + line);
        }
    }

    /** "error MESSAGE", or "cannot-run CODE MESSAGE" (the command is missing: 127, or not executable: 126). */
    private static void throwIfFailure(String line) {
        if (line.startsWith(InitStage.ERROR)) {
            throw new InitStageException(line.substring(InitStage.ERROR.length()));
        }
        if (line.startsWith(InitStage.CANNOT_RUN)) {
            String rest = line.substring(InitStage.CANNOT_RUN.length());
            int space = rest.indexOf(' ');
            int code;
            try {
                code = Integer.parseInt(space < 0 ? rest : rest.substring(0, space));
            } catch (NumberFormatException e) {
                throw new InitStageException("unexpected from the init stage: " + line);
            }
            throw new InitStageException(space < 0 ? "" : rest.substring(space + 1), code);
        }
    }

    private String nextLine() {
        while (true) {
            byte[] buffered = pending.toByteArray();
            for (int i = 0; i < buffered.length; i++) {
                if (buffered[i] == '\n') {
                    pending.reset();
                    pending.write(buffered, i + 1, buffered.length - i - 1);
                    return new String(buffered, 0, i, StandardCharsets.UTF_8);
                }
            }
            if (endOfFile) {
                return buffered.length == 0 ? null : new String(buffered, StandardCharsets.UTF_8);
            }
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0 || !ProcessCalls.awaitReadable(statusFd, Duration.ofNanos(remaining))) {
                throw new InitStageException(NO_ANSWER);
            }
            byte[] chunk = FdCalls.read(statusFd, 4096);
            if (chunk.length == 0) {
                endOfFile = true;
            }
            pending.writeBytes(chunk);
        }
    }

    /** The init stage's own report of what failed; with the command's exit code when it could not run it. */
    static final class InitStageException extends RuntimeException {
        private final int commandExitCode;

        InitStageException(String message) {
            this(message, 0);
        }

        InitStageException(String message, int commandExitCode) {
            super(message);
            this.commandExitCode = commandExitCode;
        }

        /** FAILED, or COMMAND_NOT_FOUND (127) / COMMAND_NOT_EXECUTABLE (126) when the command could not run. */
        io.berth.runtime.RuntimeOperationException.Kind kind() {
            return io.berth.runtime.RuntimeOperationException.Kind.ofCommandExit(commandExitCode);
        }

        InitStageException withMessage(String message) {
            InitStageException copy = new InitStageException(message, commandExitCode);
            copy.initCause(this);
            return copy;
        }
    }
}
