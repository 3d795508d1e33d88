package io.berth.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The caller of the command running on this thread: its environment, working directory, stdio
 * and which of its stdio are terminals. In a plain {@code berth} JVM that is the process's own;
 * in the CLI server ({@code io.berth.cli.server}) each request's, set on the thread that runs the
 * command and inherited by the threads it starts. Code of the cli module asks here instead of
 * {@code System.getenv()}, {@code Path.of("")} or {@code System.console()}.
 */
public record Invocation(Map<String, String> environment, Path workingDirectory, InputStream in,
                         OutputStream out, OutputStream err, Terminals terminals) {
    private static final InheritableThreadLocal<Invocation> CURRENT = new InheritableThreadLocal<>();

    /** Which of the caller's stdin, stdout, stderr are terminals (isatty). */
    public record Terminals(boolean stdin, boolean stdout, boolean stderr) {
        public static final Terminals NONE = new Terminals(false, false, false);
    }

    /** The request's invocation while {@code body} runs on this thread (and the threads it starts). */
    public static void runAs(Invocation invocation, Runnable body) {
        CURRENT.set(invocation);
        try {
            body.run();
        } finally {
            CURRENT.remove();
        }
    }

    /** The served request's invocation, or null in a plain berth JVM (and the server's own threads). */
    public static Invocation current() {
        return CURRENT.get();
    }

    public static Map<String, String> env() {
        Invocation invocation = CURRENT.get();
        return invocation == null ? System.getenv() : invocation.environment;
    }

    public static String env(String name) {
        return env().get(name);
    }

    /** The caller's working directory, absolute. */
    public static Path cwd() {
        Invocation invocation = CURRENT.get();
        return invocation == null ? Path.of("").toAbsolutePath() : invocation.workingDirectory;
    }

    /** As {@code System.console() != null}: stdin and stdout are both terminals. */
    public static boolean hasConsole() {
        Invocation invocation = CURRENT.get();
        return invocation == null ? System.console() != null : invocation.terminals.stdin() && invocation.terminals.stdout();
    }
}
