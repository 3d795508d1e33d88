package io.berth.cli.e2e;

import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.ProcessCalls.FdAction;
import io.berth.runtime.linux.ProcessCalls.SpawnOptions;
import io.berth.runtime.linux.Terminals;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The berth CLI (a child JVM) with a pseudo-terminal of the test's own as its controlling terminal
 * and stdio, as a user at a terminal runs it: the test types into the master and reads what the
 * CLI writes there.
 */
final class PtyBerth implements AutoCloseable {
    private static final int ICANON = 0x2;
    private static final int ECHO = 0x8;
    private final int master;
    private final long pid;
    private final StringBuffer output = new StringBuffer();
    private Integer exitCode;

    private PtyBerth(int master, long pid) {
        this.master = master;
        this.pid = pid;
        Thread reader = new Thread(this::readOutput, "pty-berth-output");
        reader.setDaemon(true);
        reader.start();
    }

    static PtyBerth start(Path directory, RuntimeConfig config, Terminals.WindowSize size, String... args) {
        Terminals.Pty pty = Terminals.openPty("/dev/ptmx");
        Terminals.setWindowSize(pty.master(), size);
        List<String> argv = new ArrayList<>(BerthRun.mainClassCommand());
        argv.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(key -> key.startsWith("COMPOSE_"));
        env.put("BERTH_ROOT", config.stateRoot().toString());
        env.put("BERTH_RUN_ROOT", config.runRoot().toString());
        env.put("TERM", "xterm");
        List<String> environment = env.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList();
        // a new session (setsid) whose controlling terminal the slave becomes: opened without O_NOCTTY
        List<FdAction> stdio = List.of(FdAction.open(0, pty.slavePath(), FdCalls.O_RDWR, 0), FdAction.dup2(0, 1),
                FdAction.dup2(0, 2));
        long pid = ProcessCalls.spawn(argv.get(0), argv, environment,
                new SpawnOptions(stdio, true, directory.toString()));
        return new PtyBerth(pty.master(), pid);
    }

    /** Resizes the terminal: the kernel sends SIGWINCH to the CLI (its foreground process). */
    void resize(Terminals.WindowSize size) {
        Terminals.setWindowSize(master, size);
    }

    /** Whether the terminal is in its usual (cooked) mode: line editing and echo, as before the CLI ran. */
    boolean cooked() {
        int slave = Terminals.openSlave(master);
        try {
            byte[] termios = Terminals.mode(slave);
            int localFlags = (termios[12] & 0xff) | (termios[13] & 0xff) << 8;
            return (localFlags & ICANON) != 0 && (localFlags & ECHO) != 0;
        } finally {
            FdCalls.closeQuietly(slave);
        }
    }

    void type(String keys) {
        FdCalls.writeAll(master, keys.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until the output contains {@code text}; fails with what came otherwise. */
    String await(String text, Duration timeout) throws InterruptedException {
        if (shows(text, timeout)) {
            return output.toString();
        }
        throw new AssertionError("no \"" + text + "\" within " + timeout + "; the terminal showed:\n" + output);
    }

    /** Whether the output contains {@code text} within {@code timeout} (no failure when not). */
    boolean shows(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (output.indexOf(text) < 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return output.indexOf(text) >= 0;
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (exitCode == null && System.nanoTime() < deadline) {
            Optional<ProcessCalls.ExitStatus> exit = ProcessCalls.poll(pid);
            if (exit.isPresent()) {
                exitCode = exit.get().exitCode();
            } else {
                Thread.sleep(50);
            }
        }
        if (exitCode == null) {
            throw new AssertionError("berth did not exit within " + timeout + "; the terminal showed:\n" + output);
        }
        return exitCode;
    }

    String output() {
        return output.toString();
    }

    long pid() {
        return pid;
    }

    private void readOutput() {
        try {
            while (true) {
                ProcessCalls.awaitReadable(master, null);
                byte[] bytes = FdCalls.read(master, 4096);
                if (bytes.length == 0) {
                    return;
                }
                output.append(new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (RuntimeException hungUp) {
            // EIO: the CLI and everything it started closed the terminal
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (exitCode == null) {
            ProcessCalls.killIfAlive(pid, ProcessCalls.SIGKILL);
            awaitExit(Duration.ofSeconds(10));
        }
        FdCalls.closeQuietly(master);
    }
}
