package io.berth.runtime.container;

/**
 * Starts the first process of a container in new namespaces, with its root, mounts, cgroup,
 * credentials and capabilities set up (the init stage), and hands it back to the caller (the
 * supervisor) to reap. The process is its caller's child. Implemented on the kernel directly.
 */
public interface ContainerLauncher {

    /**
     * Mounts the container's root, creates its cgroup, starts the init stage as PID 1 of new
     * namespaces and lets it exec the service's command. Returns once the command was exec'd
     * (or throws with the init stage's reason, having cleaned up what it made).
     */
    LaunchedProcess launch(LaunchRequest request);

    /**
     * {@link #launch(LaunchRequest)} with the given stdio; the result's stdioFd is the caller's to
     * close. {@code terminalSize}: the terminal's size from the start (null: 0x0 until resized).
     */
    default LaunchedProcess launch(LaunchRequest request, ContainerStdio stdio,
                                   io.berth.runtime.linux.Terminals.WindowSize terminalSize) {
        return launch(request, stdio, terminalSize, pid -> { });
    }

    /**
     * The launch with its stdio, and {@code beforeExec} called with the PID of the container's
     * first process once it runs and before it may exec the command (the kernel launcher: while
     * the init stage sets up the root); if that throws, the launch fails and is cleaned up. By
     * default it is called after {@link #launch}, for launchers without an init stage to hold back.
     */
    default LaunchedProcess launch(LaunchRequest request, ContainerStdio stdio,
                                   io.berth.runtime.linux.Terminals.WindowSize terminalSize,
                                   java.util.function.LongConsumer beforeExec) {
        if (stdio != ContainerStdio.FILES) {
            throw new UnsupportedOperationException("this launcher gives containers no " + stdio);
        }
        LaunchedProcess process = launch(request);
        beforeExec.accept(process.pid());
        return process;
    }

    /**
     * Mounts the container's root at {@code request.rootfs()} without starting anything, so that
     * the caller can read the image's content there (volume copy-up); {@link #launch} mounts it
     * afresh. Undone by {@link #cleanup}.
     */
    void mountRootfs(LaunchRequest request);

    /** Freezes (pause) or thaws (unpause) every process of a running container. */
    default void setFrozen(io.berth.runtime.ContainerId id, boolean frozen) {
        throw new UnsupportedOperationException("this launcher cannot pause containers");
    }

    /** Unmounts the root and removes the cgroup of a container that no longer runs. Idempotent. */
    void cleanup(LaunchRequest request);
}
