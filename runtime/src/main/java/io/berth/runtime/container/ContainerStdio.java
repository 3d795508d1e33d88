package io.berth.runtime.container;

/**
 * What a container's first process gets as stdio. {@link #FILES}: stdin /dev/null, stdout and
 * stderr the request's files. {@link #STDIN_PIPE}: the same, but stdin a pipe whose write end the
 * launcher returns (Compose {@code stdin_open}, {@code run -i}). {@link #TERMINAL}: a pty of the
 * container's own devpts as 0-2 and controlling terminal; the launcher returns its master
 * (Compose {@code tty}).
 */
public enum ContainerStdio {
    FILES, STDIN_PIPE, TERMINAL;

    /** As Docker: tty wins; stdin_open alone gives a pipe. */
    public static ContainerStdio of(boolean tty, boolean stdinOpen) {
        return tty ? TERMINAL : stdinOpen ? STDIN_PIPE : FILES;
    }
}
