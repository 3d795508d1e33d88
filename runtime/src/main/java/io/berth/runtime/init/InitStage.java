package io.berth.runtime.init;

/**
 * The protocol between the launcher and the container init stage, {@code berth-init} (a static C
 * program, runtime/src/main/c, shipped in runtime.jar as {@link #RESOURCE}; docs/init-stage.md).
 * The constants here must match berth-init.h.
 *
 * Descriptors of the stage: 0-2 the container's stdio; {@value #CONFIG_FD} the config (a memfd,
 * {@link InitConfig#encode()}); {@value #STATUS_FD} status to the launcher ({@link #READY}, then
 * {@link #EXEC}, or {@link #ERROR} or {@link #CANNOT_RUN} and a message); {@value #GO_FD} the launcher's go-ahead (one byte:
 * {@link #GO}, or {@link #GO_WITH_TERMINAL} when the launcher holds the master of {@link #FIRST_PTY},
 * which then becomes 0-2 and the controlling terminal); {@value #EXECUTABLE_FD} the stage's own
 * executable, spawned as /proc/self/fd/{@value #EXECUTABLE_FD}. Every descriptor from 3 up is
 * closed on the command's execve.
 */
public final class InitStage {
    public static final String RESOURCE = "/io/berth/runtime/init/berth-init";
    public static final int CONFIG_FD = 3;
    public static final int STATUS_FD = 4;
    public static final int GO_FD = 5;
    public static final int EXECUTABLE_FD = 6;
    public static final String READY = "ready";
    public static final String EXEC = "exec";
    public static final String ERROR = "error ";
    /**
     * "cannot-run CODE MESSAGE": the command is missing (127) or not executable (126), the exit
     * codes Docker gives; the stage exits with CODE.
     */
    public static final String CANNOT_RUN = "cannot-run ";
    /** The go-ahead byte: plain, or "the launcher opened the first pty of /dev/pts: make it your stdio". */
    public static final byte GO = 1;
    public static final byte GO_WITH_TERMINAL = 2;
    /** {@code berth-init exec} (ExecStageConfig): its own executable, then the cgroup.procs descriptors. */
    public static final String EXEC_MODE = "exec";
    public static final int EXEC_EXECUTABLE_FD = 5;
    public static final int EXEC_FIRST_CGROUP_FD = 6;
    /** The first pty of the container's own devpts instance: the one a terminal launch opened. */
    public static final String FIRST_PTY = "/dev/pts/0";

    private InitStage() {
    }
}
