package io.berth.cli;

import io.berth.engine.EngineException;
import io.berth.model.ComposeProblemsException;
import io.berth.runtime.RuntimeOperationException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * Exit codes, in one place, and how failures are printed (the CLI's one exit path for failures):
 * one line with the reason (or the list of Compose problems), a stack trace only with
 * {@code --debug} or BERTH_DEBUG=1.
 */
public final class ExitCodes implements IExecutionExceptionHandler, IExitCodeExceptionMapper {
    public static final int OK = 0;
    /** The command was attempted and failed. */
    public static final int FAILURE = 1;
    /** Bad command line (picocli's own usage errors use this code too). */
    public static final int USAGE = 2;
    /** The Compose files are invalid. */
    public static final int INVALID_CONFIG = 15;
    /** A file the Compose files name does not exist (an extended file, an env file), as Compose's 14. */
    public static final int FILE_NOT_FOUND = 14;

    /** Per thread: the CLI server runs several commands, each on its own thread (and ones it starts). */
    private static final InheritableThreadLocal<Boolean> DEBUG = new InheritableThreadLocal<>();

    static void enableDebug() {
        DEBUG.set(true);
    }

    @Override
    public int getExitCode(Throwable exception) {
        if (exception instanceof ComposeProblemsException problems) {
            return problems.onlyMissingFiles() ? FILE_NOT_FOUND : INVALID_CONFIG;
        }
        if (exception instanceof CommandLine.ParameterException || exception instanceof UsageException) {
            return USAGE;
        }
        if (exception instanceof CommandCannotRun cannotRun) {
            return cannotRun.kind().commandExitCode().orElse(FAILURE);
        }
        return FAILURE;
    }

    /**
     * For {@code run} and {@code exec}: a failure because the container's command could not run
     * becomes {@link CommandCannotRun} (127 not found, 126 not executable, as docker run and exec
     * exit); any other failure is returned as it is.
     */
    public static RuntimeException forCommand(RuntimeException failure) {
        if (failure instanceof RuntimeOperationException operation && !(failure instanceof CommandCannotRun)
                && operation.kind().commandExitCode().isPresent()) {
            return new CommandCannotRun(operation);
        }
        return failure;
    }

    /** The command of run or exec could not run: printed as the runtime's error, exit 127 or 126. */
    public static final class CommandCannotRun extends RuntimeOperationException {
        CommandCannotRun(RuntimeOperationException cause) {
            super(cause.kind(), cause.getMessage(), cause);
        }
    }

    /** Whether failures print their stack trace: {@code --debug}, or BERTH_DEBUG=1 in the environment. */
    public static boolean debug() {
        return Boolean.TRUE.equals(DEBUG.get()) || "1".equals(Invocation.env("BERTH_DEBUG"));
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        return report(exception, commandLine.getErr());
    }

    /**
     * The one way a failure is printed, for picocli's handler and for commands that go on after
     * one (rm of several names): the stack trace when debugging; else the Compose problems, or one
     * "berth: " line per line of an engine or runtime error (worded for people, one per service), or the first
     * line of any other message. Returns the exit code.
     */
    public static int report(Exception exception, PrintWriter err) {
        if (debug()) {
            exception.printStackTrace(err);
        } else if (exception instanceof ComposeProblemsException problems) {
            err.println(problems.getMessage());
        } else if ((exception instanceof EngineException || exception instanceof RuntimeOperationException)
                && exception.getMessage() != null) {
            err.println("berth: " + exception.getMessage().replace("\n", "\nberth: "));
        } else {
            err.println("berth: " + describe(exception));
        }
        err.flush();
        return new ExitCodes().getExitCode(exception);
    }

    private static String describe(Throwable exception) {
        String message = exception.getMessage();
        if (message == null || message.isBlank()) {
            return exception.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message);
    }

    /** A mistake in how the command was called, found after parsing (a bad flag combination). */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
