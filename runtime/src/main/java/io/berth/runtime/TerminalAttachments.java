package io.berth.runtime;

import io.berth.runtime.container.TerminalRelay;
import java.io.InputStream;
import java.util.function.BooleanSupplier;

/**
 * The caller's terminal joined to a {@link ContainerAttachment}: raw mode (restored on every way
 * out), window size changes passed on, Ctrl-P Ctrl-Q to detach. For {@code run} and {@code attach}.
 */
public final class TerminalAttachments {
    private TerminalAttachments() {
    }

    /** Attaches to a container (starting it first if asked), its terminal sized as this process's. */
    public static ContainerAttachment attach(ContainerRuntime runtime, ContainerId id, boolean start) {
        var size = TerminalRelay.localSize();
        return runtime.attach(id, start, size.map(s -> s.rows()).orElse(0), size.map(s -> s.columns()).orElse(0));
    }

    /** Whether this process's stdin is a terminal. */
    /** Columns and rows of the terminal on {@code fd}; empty when it is no terminal. */
    public static java.util.Optional<int[]> size(int fd) {
        return io.berth.runtime.linux.Terminals.windowSize(fd).map(size -> new int[] {size.columns(), size.rows()});
    }

    public static boolean stdinIsTerminal() {
        return TerminalRelay.stdinIsTerminal();
    }

    /**
     * Relays this terminal and the container's until the container's output ends or
     * {@code finished} says so; true when the user detached (Ctrl-P Ctrl-Q).
     */
    public static boolean relayDetachable(ContainerAttachment remote, BooleanSupplier finished) {
        return TerminalRelay.relayDetachable(remote, finished);
    }

    /** Copies this process's stdin to the container on a daemon thread, to its end of file. */
    public static void startInputPump(ContainerAttachment remote) {
        TerminalRelay.startInputPump(remote);
    }

    /** The same from a stream instead of fd 0 (the CLI server's caller's stdin). */
    public static void startInputPump(ContainerAttachment remote, InputStream in) {
        TerminalRelay.startInputPump(remote, in);
    }
}
