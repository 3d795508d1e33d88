package io.berth.runtime.container;

import io.berth.runtime.ContainerId;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.init.InitStage;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.Mounts;
import io.berth.runtime.linux.Terminals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The launcher on the kernel: overlay on the host, the container's cgroup, then on a throwaway
 * thread unshare(mnt, uts, ipc, pid[, net]) (or setns into the given network namespace) and
 * posix_spawn of the init stage (berth-init, a small C program: {@link InitStage}), which becomes
 * PID 1 and this JVM's child. The launcher then waits for the stage to report "ready", gives the
 * go-ahead, and returns once it exec'd ({@link InitStageStart}, {@link InitStageSpawn}).
 */
public final class KernelContainerLauncher implements ContainerLauncher {
    private static final Duration CGROUP_REMOVE_TIMEOUT = Duration.ofSeconds(10);

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
                pid = InitStageStart.start(request, InitConfigs.of(request, cgroups, cgroup), stdio, terminalSize,
                        stdioFd, beforeExec);
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
}
