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
        return served == null ? io.berth.runtime.container.TerminalRelay.stdinIsTerminal() : served.terminals().stdin();
    }

    /** The caller's stdin passed to the container to its end of file: fd 0, or a served caller's. */
    static void pumpInput(io.berth.runtime.ContainerAttachment attached) {
        Invocation served = Invocation.current();
        if (served == null) {
            io.berth.runtime.container.TerminalRelay.startInputPump(attached);
        } else {
            io.berth.runtime.container.TerminalRelay.startInputPump(attached, served.in());
        }
    }

    /** Attaches to the container (starting it first if asked), its terminal sized as this one. */
    static io.berth.runtime.ContainerAttachment attach(io.berth.runtime.ContainerRuntime runtime,
                                                        io.berth.runtime.ContainerId id, boolean start) {
        var size = io.berth.runtime.container.TerminalRelay.localSize();
        return runtime.attach(id, start, size.map(s -> s.rows()).orElse(0), size.map(s -> s.columns()).orElse(0));
    }

    static boolean colours(boolean noColorFlag) {
        return !noColorFlag && Invocation.env("NO_COLOR") == null && isInteractive();
    }
}
