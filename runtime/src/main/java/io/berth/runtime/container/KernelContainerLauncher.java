package io.berth.runtime.container;

import io.berth.runtime.ContainerId;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.init.InitConfig;
import io.berth.runtime.init.InitStage;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.Mounts;
import io.berth.runtime.linux.Namespaces;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.ProcessCalls.FdAction;
import io.berth.runtime.linux.ProcessCalls.SpawnOptions;
import io.berth.runtime.linux.Terminals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher on the kernel: overlay on the host, the container's cgroup, then on a throwaway
 * thread unshare(mnt, uts, ipc, pid[, net]) (or setns into the given network namespace) and
 * posix_spawn of the init stage (berth-init, a small C program: {@link InitStage}), which becomes
 * PID 1 and this JVM's child. The launcher then waits for the stage to report "ready", gives the
 * go-ahead, and returns once it exec'd.
 */
public final class KernelContainerLauncher implements ContainerLauncher {
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);
    /** How long a failed attach waits for the stage's own report before it is the error itself. */
    private static final Duration STAGE_REPORT_WAIT = Duration.ofSeconds(2);
    private static final Duration CGROUP_REMOVE_TIMEOUT = Duration.ofSeconds(10);
    private static final int NAMESPACES = Namespaces.CLONE_NEWNS | Namespaces.CLONE_NEWUTS
            | Namespaces.CLONE_NEWIPC | Namespaces.CLONE_NEWPID;
    private static final long DEFAULT_SHM_BYTES = 64L << 20;

    /**
     * Nanosecond marks of the last launch on this thread (for measurements): spawn began, spawned,
     * ready, exec'd, and [4] when the launch began (before the overlay and the cgroup).
     */
    static final ThreadLocal<long[]> LAST_PHASES = ThreadLocal.withInitial(() -> new long[5]);

    private final Cgroups cgroups;
    private final String cgroupParent;

    /** @param cgroupParent the cgroup every container's lives under ("berth" by default) */
    public KernelContainerLauncher(Cgroups cgroups, String cgroupParent) {
        this.cgroups = cgroups;
        this.cgroupParent = cgroupParent;
    }

    public KernelContainerLauncher() {
        this(Cgroups.detect(), "berth");
    }

    public Cgroups cgroups() {
        return cgroups;
    }

    /** The container's cgroup, relative to the hierarchy roots ("berth/ID"). */
    public String cgroupOf(ContainerId id) {
        return cgroupParent + "/" + id.value();
    }

    /** The container's processes, as ps -ef would list them. */
    public List<io.berth.runtime.ProcessEntry> top(ContainerId id) {
        return ContainerTop.list(cgroups, cgroupOf(id));
    }

    /** SIGKILL to every process of the container (through its cgroup, so none escapes by forking). */
    public void killAll(ContainerId id) {
        cgroups.killAll(cgroupOf(id));
    }

    /** Processes of the container the OOM killer killed; read before {@link #cleanup}. */
    public long oomKills(ContainerId id) {
        return cgroups.exists(cgroupOf(id)) ? cgroups.oomKills(cgroupOf(id)) : 0;
    }

    /** The cgroup.procs files an exec'd process joins ({@link ExecRequest#cgroupProcs}). */
    public List<Path> cgroupProcs(ContainerId id) {
        return cgroups.procsFiles(cgroupOf(id));
    }

    @Override
    public LaunchedProcess launch(LaunchRequest request) {
        return launch(request, ContainerStdio.FILES, null, pid -> { });
    }

    @Override
    public LaunchedProcess launch(LaunchRequest request, ContainerStdio stdio, Terminals.WindowSize terminalSize,
                                  java.util.function.LongConsumer beforeExec) {
        if (LaunchRequest.HOST_NETNS.equals(request.netns()) && request.sysctls() != null
                && request.sysctls().keySet().stream().anyMatch(key -> key.startsWith("net."))) {
            // the init stage would write them into the host's network namespace
            throw new RuntimeOperationException(Kind.INVALID, "start container " + request.id().shortId()
                    + ": net.* sysctls are not allowed in the host's network namespace");
        }
        String cgroup = cgroupOf(request.id());
        LAST_PHASES.get()[4] = System.nanoTime();
        int[] stdioFd = {-1};
        try {
            mountOverlay(request);
            cgroups.create(cgroup, request.limits());
            CopiedFiles.stage(request);
            long pid;
            try {
                pid = startInitStage(request, cgroup, stdio, terminalSize, stdioFd, beforeExec);
            } finally {
                CopiedFiles.release(request); // the container's binds keep the copies
            }
            return new LaunchedProcess(pid, ProcStart.startTime(pid), cgroups.primaryPath(cgroup), stdioFd[0]);
        } catch (RuntimeException e) {
            FdCalls.closeQuietly(stdioFd[0]);
            try {
                cleanup(request);
            } catch (RuntimeException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            // a command that cannot run keeps its kind: the container's exit code is 127 or 126 (Docker's)
            Kind kind = e instanceof InitStageChannel.InitStageException stage ? stage.kind() : Kind.FAILED;
            throw new RuntimeOperationException(kind,
                    "start container " + request.id().shortId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where the last launch on this thread spent its time, for the supervisor's log: overlay and
     * cgroup, the spawn (unshare and posix_spawn on a thread of its own), the init stage until
     * it reported ready (the root set up), and from the go-ahead to its execve.
     */
    public static String lastLaunchPhases() {
        long[] marks = LAST_PHASES.get();
        return "overlay+cgroup " + (marks[0] - marks[4]) / 1_000_000 + " ms, spawn " + (marks[1] - marks[0]) / 1_000_000
                + " ms, init stage to ready " + (marks[2] - marks[1]) / 1_000_000 + " ms, to exec "
                + (marks[3] - marks[2]) / 1_000_000 + " ms";
    }

    @Override
    public void setFrozen(ContainerId id, boolean frozen) {
        cgroups.setFrozen(cgroupOf(id), frozen);
    }

    @Override
    public void mountRootfs(LaunchRequest request) {
        mountOverlay(request);
    }

    @Override
    public void cleanup(LaunchRequest request) {
        String cgroup = cgroupOf(request.id());
        cgroups.remove(cgroup, CGROUP_REMOVE_TIMEOUT);
        CopiedFiles.release(request);
        Mounts.umountIfMounted(request.rootfs().toString(), Mounts.MNT_DETACH);
    }

    private static void mountOverlay(LaunchRequest request) {
        if (request.lowerDirs().isEmpty()) {
            throw new IllegalArgumentException("no image layers to mount (lowerDirs is empty)");
        }
        try {
            for (Path directory : List.of(request.rootfs(), request.upperDir(), request.workDir())) {
                Files.createDirectories(directory);
            }
            for (Path log : java.util.Arrays.asList(request.stdout(), request.stderr())) {
                if (log != null && log.getParent() != null) {
                    Files.createDirectories(log.getParent()); // else posix_spawn fails on its open, unclearly
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("create " + e.getMessage(), e);
        }
        String rootfs = request.rootfs().toString();
        Mounts.umountIfMounted(rootfs, Mounts.MNT_DETACH); // a stale mount of an earlier run
        OverlayMount.mount(request.rootfs(), request.lowerDirs(), request.upperDir(), request.workDir());
    }

    /**
     * {@code stdioFd[0]} receives the caller's end of a pipe or pty as soon as there is one;
     * {@code beforeExec} runs with the stage's PID while it sets up the root.
     */
    private long startInitStage(LaunchRequest request, String cgroup, ContainerStdio stdio,
                                Terminals.WindowSize terminalSize, int[] stdioFd,
                                java.util.function.LongConsumer beforeExec) {
        InitConfig config = initConfig(request, cgroup);
        String configText = config.encode() + InitConfig.seccompLine(request.seccomp());
        int configFd = FdCalls.memfdWith("berth-init", configText.getBytes(StandardCharsets.UTF_8));
        int[] status = FdCalls.pipe();
        int[] go = FdCalls.pipe();
        int[] stdin = stdio == ContainerStdio.STDIN_PIPE ? FdCalls.pipe() : null;
        long pid;
        long[] phases = LAST_PHASES.get();
        phases[0] = System.nanoTime();
        try {
            if (stdin != null) {
                stdioFd[0] = stdin[1];
            }
            pid = spawnInNewNamespaces(request, fdActions(request, configFd, status[1], go[0],
                    InitStageExecutable.memfd(), stdin == null ? -1 : stdin[0]));
        } finally {
            FdCalls.closeQuietly(configFd);
            FdCalls.closeQuietly(status[1]);
            FdCalls.closeQuietly(go[0]);
            if (stdin != null) {
                FdCalls.closeQuietly(stdin[0]);
            }
        }
        try {
            phases[1] = System.nanoTime();
            try {
                beforeExec.accept(pid); // the stage sets up the root meanwhile; it execs only after the go-ahead
            } catch (RuntimeException attachFailed) {
                throw stageFailureOr(status[0], attachFailed);
            }
            InitStageChannel channel = new InitStageChannel(status[0], INIT_TIMEOUT);
            channel.expect(InitStage.READY);
            phases[2] = System.nanoTime();
            byte goAhead = InitStage.GO;
            if (stdio == ContainerStdio.TERMINAL) {
                stdioFd[0] = openFirstPty(pid);
                if (terminalSize != null) {
                    Terminals.setWindowSize(stdioFd[0], terminalSize);
                }
                goAhead = InitStage.GO_WITH_TERMINAL;
            }
            FdCalls.writeAll(go[1], new byte[] {goAhead});
            // Closed once only: a second close could hit the same number reused by another thread.
            int goWrite = go[1];
            go[1] = -1;
            FdCalls.closeQuietly(goWrite);
            channel.expect(InitStage.EXEC);
            channel.expectEndOfFile();
            phases[3] = System.nanoTime();
            return pid;
        } catch (InitStageChannel.InitStageException e) {
            ProcessCalls.killIfAlive(pid, ProcessCalls.SIGKILL);
            ProcessCalls.ExitStatus exit = ProcessCalls.waitFor(pid);
            String said = e.getMessage().startsWith("the init stage exited") ? lastWords(request.stderr(), exit) : "";
            throw said.isEmpty() ? e : e.withMessage(e.getMessage() + said);
        } catch (RuntimeException e) {
            ProcessCalls.killIfAlive(pid, ProcessCalls.SIGKILL);
            ProcessCalls.waitFor(pid);
            throw e;
        } finally {
            FdCalls.closeQuietly(status[0]);
            if (go[1] >= 0) {
                FdCalls.closeQuietly(go[1]);
            }
        }
    }

    /**
     * When the network attach (or another beforeExec step) failed, the stage's own report if it has
     * one: a stage that failed (working_dir through a file, a hostname too long, a symlink loop) is
     * gone, so the attach that follows fails on its /proc/PID/ns/net and would hide the cause.
     */
    private static RuntimeException stageFailureOr(int statusFd, RuntimeException attachFailed) {
        try {
            new InitStageChannel(statusFd, STAGE_REPORT_WAIT).expect(InitStage.READY);
        } catch (InitStageChannel.InitStageException stageFailed) {
            if (!stageFailed.getMessage().equals(InitStageChannel.NO_ANSWER)) {
                stageFailed.addSuppressed(attachFailed);
                return stageFailed;
            }
        }
        return attachFailed;
    }

    /**
     * The master of the first pty of the container's devpts instance (mounted by the stage, which
     * has run nothing of the image yet): the stage opens its slave, /dev/pts/0, as its stdio.
     */
    private static int openFirstPty(long pid) {
        Terminals.Pty pty = Terminals.openPty("/proc/" + pid + "/root/dev/pts/ptmx");
        if (!InitStage.FIRST_PTY.equals(pty.slavePath())) {
            FdCalls.closeQuietly(pty.master());
            throw new IllegalStateException("the container's devpts gave " + pty.slavePath() + " as its first pty");
        }
        return pty.master();
    }

    /** When the stage died without a word (e.g. killed): its exit and the end of stderr. */
    private static String lastWords(Path stderr, ProcessCalls.ExitStatus exit) {
        String tail = "";
        try {
            if (stderr != null && Files.isRegularFile(stderr)) {
                String text = Files.readString(stderr).strip();
                tail = text.isEmpty() ? "" : ": " + text.substring(Math.max(0, text.length() - 300)).replace('\n', ' ');
            }
        } catch (IOException | RuntimeException e) {
            // the exit status alone then
        }
        return " (exit " + exit.exitCode() + ")" + tail;
    }

    /** Unshares on a thread of its own: the JVM's other threads never leave the host's namespaces. */
    private static long spawnInNewNamespaces(LaunchRequest request, List<FdAction> actions) {
        // everything that might start a thread happens here: after unshare(CLONE_NEWPID) it cannot
        String executable = "/proc/self/fd/" + InitStage.EXECUTABLE_FD; // the child's copy of the memfd
        List<String> argv = List.of("berth-init");
        return ThrowawayThread.spawn("berth-launch-" + request.id().shortId(), "starting the init stage",
                "posix_spawn of the init stage returned no process", () -> {
            int flags = NAMESPACES;
            boolean hostNetwork = LaunchRequest.HOST_NETNS.equals(request.netns());
            String joinedNetwork = request.netns() != null ? request.netns().toString()
                    : request.shareNetnsOf() != null ? "/proc/" + request.shareNetnsOf() + "/ns/net" : null;
            if (hostNetwork) {
                // network_mode host: this thread's namespace already is the one; join and unshare nothing
            } else if (joinedNetwork != null) {
                int fd = Namespaces.open(joinedNetwork);
                try {
                    Namespaces.setns(fd, Namespaces.CLONE_NEWNET, joinedNetwork);
                } finally {
                    FdCalls.closeQuietly(fd);
                }
            } else {
                flags |= Namespaces.CLONE_NEWNET;
            }
            if (request.ipcNamespace() != null) {
                flags &= ~Namespaces.CLONE_NEWIPC; // the host's kept, or another container's joined
                if (!LaunchRequest.HOST_IPC.equals(request.ipcNamespace())) {
                    int fd = Namespaces.open(request.ipcNamespace().toString());
                    try {
                        Namespaces.setns(fd, Namespaces.CLONE_NEWIPC, request.ipcNamespace().toString());
                    } finally {
                        FdCalls.closeQuietly(fd);
                    }
                }
            }
            if (request.pidNamespace() != null) {
                // the stage is then not PID 1: its children's namespace is the host's or another container's
                flags &= ~Namespaces.CLONE_NEWPID;
                if (!LaunchRequest.HOST_PID.equals(request.pidNamespace())) {
                    int fd = Namespaces.open(request.pidNamespace().toString());
                    try {
                        Namespaces.setns(fd, Namespaces.CLONE_NEWPID, request.pidNamespace().toString());
                    } finally {
                        FdCalls.closeQuietly(fd);
                    }
                }
            }
            Namespaces.unshare(flags);
            return ProcessCalls.spawn(executable, argv, List.of(),
                    new SpawnOptions(actions, true, null));
        });
    }

    /**
     * Config, status, go-ahead and the stage's executable on 3, 4, 5, 6 (InitStage), then stdio
     * from the request's files (or stdin the pipe's end).
     */
    private static List<FdAction> fdActions(LaunchRequest request, int configFd, int statusFd, int goFd,
                                            int executableFd, int stdinPipe) {
        List<FdAction> actions = new ArrayList<>(stdinPipe < 0
                ? ProcessCalls.placeAt(InitStage.CONFIG_FD, configFd, statusFd, goFd, executableFd)
                : ProcessCalls.placeAt(InitStage.CONFIG_FD, configFd, statusFd, goFd, executableFd, stdinPipe));
        String stdin = request.stdinPath() == null ? "/dev/null" : request.stdinPath().toString();
        int output = FdCalls.O_WRONLY | FdCalls.O_APPEND | FdCalls.O_CREAT | FdCalls.O_NOCTTY;
        if (stdinPipe < 0) {
            actions.add(FdAction.open(0, stdin, FdCalls.O_RDONLY | FdCalls.O_NOCTTY, 0));
        } else {
            // placed after the executable above, then closed on the command's execve as all from 3 up
            actions.add(FdAction.dup2(InitStage.EXECUTABLE_FD + 1, 0));
        }
        actions.add(FdAction.open(1, request.stdout() == null ? "/dev/null" : request.stdout().toString(), output, 0600));
        actions.add(FdAction.open(2, request.stderr() == null ? "/dev/null" : request.stderr().toString(), output, 0600));
        return actions;
    }

    private InitConfig initConfig(LaunchRequest request, String cgroup) {
        List<InitConfig.Mount> mounts = request.mounts() == null ? List.of() : CopiedFiles.asBinds(request).stream()
                .map(m -> new InitConfig.Mount(m.type(), m.source() == null ? null : m.source().toString(),
                        m.destination(), m.flags() == null ? List.of() : m.flags(), m.data()))
                .toList();
        List<InitConfig.Rlimit> rlimits = request.rlimits() == null ? List.of() : request.rlimits().stream()
                .map(r -> new InitConfig.Rlimit(r.name(), r.soft(), r.hard())).toList();
        return new InitConfig(request.rootfs().toString(), request.argv(), orEmpty(request.env()),
                request.workingDir() == null || request.workingDir().isEmpty() ? "/" : request.workingDir(),
                request.uid(), request.gid(), orEmpty(request.supplementaryGids()),
                request.hostname() == null ? "" : request.hostname(),
                request.domainname() == null ? "" : request.domainname(),
                request.netns() == null && request.shareNetnsOf() == null, mounts,
                request.capabilities() == null ? io.berth.runtime.linux.Capabilities.DOCKER_DEFAULTS
                        : request.capabilities(),
                request.noNewPrivileges(), request.readOnlyRootfs(),
                request.sysctls() == null ? java.util.Map.of() : request.sysctls(), rlimits,
                request.shmSizeBytes() > 0 ? request.shmSizeBytes() : DEFAULT_SHM_BYTES,
                cgroups.procsFiles(cgroup).stream().map(Path::toString).toList(), cgroups.containerView(),
                request.init());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
