package io.berth.cli.compose;

/** Whether output goes to a terminal (colours, progress marks) or a pipe (plain lines). */
final class Terminal {
    private Terminal() {
    }

    static boolean isInteractive() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Whether stdin is a terminal: exec and run then allocate a pseudo-terminal unless -T (as Docker Compose). */
    static boolean stdinIsTerminal() {
        return io.berth.runtime.container.TerminalRelay.stdinIsTerminal();
    }

    static boolean colours(boolean noColorFlag) {
        return !noColorFlag && System.getenv("NO_COLOR") == null && isInteractive();
    }
}
