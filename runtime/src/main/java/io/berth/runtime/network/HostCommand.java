package io.berth.runtime.network;

import io.berth.runtime.RuntimeOperationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the host's network tools (iproute2's {@code ip}, {@code iptables-restore},
 * {@code iptables-save}) with optional standard input. Berth configures networks through these
 * commands rather than raw netlink: they are what every admin debugs with, well tested, and one
 * {@code ip -batch -} does a whole container's set-up in a single process.
 */
public final class HostCommand {
    private static final long TIMEOUT_SECONDS = 60;

    private HostCommand() {
    }

    /** The result of a command that ran to its end, whatever its exit code. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs the command; a non-zero exit becomes an exception saying what {@code attempt} was. */
    public static String run(String attempt, List<String> argv, String stdin) {
        Result result = runForResult(attempt, argv, stdin);
        if (!result.ok()) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    attempt + ": " + String.join(" ", argv) + " exited with " + result.exitCode()
                            + ": " + firstLines(result.stderr().isBlank() ? result.stdout() : result.stderr()));
        }
        return result.stdout();
    }

    public static Result runForResult(String attempt, List<String> argv, String stdin) {
        // found on Berth's own PATH, not the caller's (cron's lacks /usr/sbin, where iptables lives)
        java.util.List<String> resolved = new java.util.ArrayList<>(argv);
        resolved.set(0, io.berth.runtime.linux.HostProcess.resolveTool(argv.get(0)));
        ProcessBuilder builder = new ProcessBuilder(resolved);
        builder.environment().put("PATH", io.berth.runtime.linux.HostProcess.PATH); // for what the tool runs
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    attempt + ": cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        }
        // stderr on its own thread so a chatty tool cannot block on a full pipe; stdout here.
        CompletableFuture<String> err = new CompletableFuture<>();
        Thread errReader = new Thread(() -> err.complete(readAll(process.getErrorStream())), "berth-cmd-stderr");
        errReader.setDaemon(true);
        errReader.start();
        try {
            if (stdin != null) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = readAll(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                        attempt + ": " + argv.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), out, err.join());
        } catch (IOException e) {
            process.destroyForcibly();
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    attempt + ": writing to " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    attempt + ": interrupted", e);
        }
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String firstLines(String text) {
        String trimmed = text.strip();
        String[] lines = trimmed.split("\n");
        return lines.length <= 3 ? trimmed : String.join(" / ", List.of(lines).subList(0, 3)) + " ...";
    }
}
