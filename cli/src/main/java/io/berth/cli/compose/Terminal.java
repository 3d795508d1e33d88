package io.berth.cli.compose;

import io.berth.cli.Invocation;

/** Whether output goes to a terminal (colours, progress marks) or a pipe (plain lines). */
final class Terminal {
    private Terminal() {
    }

    static boolean isInteractive() {
        return Invocation.hasConsole() && !"dumb".equals(Invocation.env("TERM"));
    }

    /** Whether stdin is a terminal: exec and run then allocate a pseudo-terminal unless -T (as Docker Compose). */
    static boolean stdinIsTerminal() {
        Invocation served = Invocation.current();
        return served == null ? io.berth.runtime.TerminalAttachments.stdinIsTerminal() : served.terminals().stdin();
    }

    /** The caller's stdin passed to the container to its end of file: fd 0, or a served caller's. */
    static void pumpInput(io.berth.runtime.ContainerAttachment attached) {
        Invocation served = Invocation.current();
        if (served == null) {
            io.berth.runtime.TerminalAttachments.startInputPump(attached);
        } else {
            io.berth.runtime.TerminalAttachments.startInputPump(attached, served.in());
        }
    }

    /** Attaches to the container (starting it first if asked), its terminal sized as this one. */
    static io.berth.runtime.ContainerAttachment attach(io.berth.runtime.ContainerRuntime runtime,
                                                        io.berth.runtime.ContainerId id, boolean start) {
        return io.berth.runtime.TerminalAttachments.attach(runtime, id, start);
    }

    static boolean colours(boolean noColorFlag) {
        return !noColorFlag && Invocation.env("NO_COLOR") == null && isInteractive();
    }
}
