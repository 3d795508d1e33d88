package io.berth.runtime.container;

import io.berth.runtime.ContainerAttachment;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.LinuxException;
import io.berth.runtime.linux.Terminals;
import io.berth.runtime.linux.Terminals.WindowSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Relays between this process's stdin/stdout (fds 0 and 1) and the far end of a container's
 * terminal (a pty master here, or an attach connection to the supervisor): the CLI's terminal in
 * raw mode meanwhile, so keys such as Ctrl-C reach the container's terminal as bytes, restored on
 * every way out (return, exception, SIGTERM/SIGINT through a shutdown hook); window size changes
 * (SIGWINCH) passed on.
 */
public final class TerminalRelay {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int STDIN = 0;
    private static final int STDOUT = 1;

    private TerminalRelay() {
    }

    /** This terminal's size, if stdin (else stdout) is a terminal. */
    public static Optional<WindowSize> localSize() {
        return Terminals.windowSize(STDIN).or(() -> Terminals.windowSize(STDOUT));
    }

    /** Whether the CLI's stdin is a terminal: what makes exec and run allocate a pty by default. */
    public static boolean stdinIsTerminal() {
        return Terminals.isTerminal(STDIN);
    }

    /**
     * Relays until the remote ends, or until {@code finished} holds and no output came for a moment
     * (a background process of the container may keep its terminal open after the command ended).
     */
    public static void relay(ContainerAttachment remote, BooleanSupplier finished) {
        relay(remote, finished, null);
    }

    /**
     * {@link #relay(ContainerAttachment, BooleanSupplier)}, ended early by Docker's detach keys
     * (Ctrl-P Ctrl-Q) typed at this terminal; returns whether they ended it (the container runs on).
     */
    public static boolean relayDetachable(ContainerAttachment remote, BooleanSupplier finished) {
        DetachKeys keys = new DetachKeys(DetachKeys.CTRL_P_CTRL_Q);
        relay(remote, finished, keys);
        return keys.detached();
    }

    private static void relay(ContainerAttachment remote, BooleanSupplier finished, DetachKeys keys) {
        byte[] savedMode = stdinIsTerminal() ? Terminals.mode(STDIN) : null;
        Thread restore = new Thread(() -> restoreQuietly(savedMode), "berth-terminal-restore");
        SignalHandler previousWinch = null;
        try {
            if (savedMode != null) {
                Runtime.getRuntime().addShutdownHook(restore);
                Terminals.makeRaw(STDIN);
                localSize().ifPresent(size -> remote.resize(size.rows(), size.columns()));
                previousWinch = Signal.handle(new Signal("WINCH"), signal -> localSize().ifPresent(size -> remote.resize(size.rows(), size.columns())));
            }
            AtomicBoolean detached = new AtomicBoolean();
            startInputPump(remote, keys, detached, () -> FdCalls.read(STDIN, 8192));
            pumpOutput(remote, () -> detached.get() || finished.getAsBoolean(), detached);
        } finally {
            if (previousWinch != null) {
                Signal.handle(new Signal("WINCH"), previousWinch);
            }
            if (savedMode != null) {
                restoreQuietly(savedMode);
                try {
                    Runtime.getRuntime().removeShutdownHook(restore);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            }
        }
    }

    private static void pumpOutput(ContainerAttachment remote, BooleanSupplier finished, AtomicBoolean detached) {
        while (!detached.get()) {
            byte[] output = remote.read(POLL);
            if (output == null) {
                return;
            }
            if (output.length > 0) {
                FdCalls.writeAll(STDOUT, output);
            } else if (finished.getAsBoolean()) {
                return;
            }
        }
    }

    /**
     * stdin on a daemon thread, to its end of file (then {@link ContainerAttachment#endInput}): it
     * may stay blocked in read(0) after the relay ended; the CLI exits then.
     */
    public static void startInputPump(ContainerAttachment remote) {
        startInputPump(remote, null, new AtomicBoolean(), () -> FdCalls.read(STDIN, 8192));
    }

    /** The same from a stream instead of fd 0: the CLI server's caller's stdin (docs/cli-server.md). */
    public static void startInputPump(ContainerAttachment remote, InputStream in) {
        byte[] buffer = new byte[8192];
        startInputPump(remote, null, new AtomicBoolean(), () -> {
            try {
                int count = in.read(buffer);
                return count < 0 ? new byte[0] : Arrays.copyOf(buffer, count);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void startInputPump(ContainerAttachment remote, DetachKeys keys, AtomicBoolean detached,
                                       Supplier<byte[]> source) {
        Thread input = new Thread(() -> {
            try {
                while (true) {
                    byte[] bytes = source.get();
                    if (bytes.length == 0) {
                        remote.endInput();
                        return;
                    }
                    byte[] passed = keys == null ? bytes : keys.filter(bytes);
                    if (passed.length > 0) {
                        remote.write(passed);
                    }
                    if (keys != null && keys.detached()) {
                        detached.set(true);
                        return;
                    }
                }
            } catch (RuntimeException ended) {
                // the container's side is gone, or stdin is closed: nothing more to pass on
            }
        }, "berth-terminal-input");
        input.setDaemon(true);
        input.start();
    }

    private static void restoreQuietly(byte[] savedMode) {
        if (savedMode == null) {
            return;
        }
        try {
            Terminals.setMode(STDIN, savedMode);
        } catch (LinuxException e) {
            // stdin is no longer a terminal (closed): nothing to restore
        }
    }
}
