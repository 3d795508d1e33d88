package io.berth.cli.compose;

/** Whether output goes to a terminal (colours, progress marks) or a pipe (plain lines). */
final class Terminal {
    private Terminal() {
    }

    static boolean isInteractive() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    static boolean colours(boolean noColorFlag) {
        return !noColorFlag && System.getenv("NO_COLOR") == null && isInteractive();
    }
}
