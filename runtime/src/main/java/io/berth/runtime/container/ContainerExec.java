package io.berth.runtime.container;

import io.berth.runtime.init.ExecStageConfig;
import io.berth.runtime.init.InitConfig;
import io.berth.runtime.init.InitStage;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.LinuxException;
import io.berth.runtime.linux.Namespaces;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.ProcessCalls.FdAction;
import io.berth.runtime.linux.ProcessCalls.SpawnOptions;
import io.berth.runtime.linux.Terminals;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a command in a running container without ever putting a JVM into it: on a throwaway thread,
 * unshare(CLONE_FS) and setns into the container's ipc, uts, net, pid (for children only), cgroup
 * and (last) mount namespaces, then posix_spawn {@code berth-init exec} (exec-stage.c), which so
 * starts inside every namespace. It writes itself into every cgroup.procs of the container (the
 * descriptors opened here, on the host) before anything else, then takes on PID 1's rlimits,
 * seccomp filter, groups, user and capabilities and execve's the command: join first, then exec,
 * as runc does, so nothing the command forks can ever be outside the container's cgroups (docs/security.md).
 */
public final class ContainerExec {
    /** setns order: the mount namespace last, once /proc of the host is no longer needed. */
    private static final Map<String, Integer> NAMESPACES = namespaces();
    private static final Duration STAGE_TIMEOUT = Duration.ofSeconds(60);
    private ContainerExec() {
    }

    private static Map<String, Integer> namespaces() {
        Map<String, Integer> namespaces = new LinkedHashMap<>();
        namespaces.put("ipc", Namespaces.CLONE_NEWIPC);
        namespaces.put("uts", Namespaces.CLONE_NEWUTS);
        namespaces.put("net", Namespaces.CLONE_NEWNET);
        namespaces.put("pid", Namespaces.CLONE_NEWPID);
        namespaces.put("cgroup", Namespaces.CLONE_NEWCGROUP);
        namespaces.put("mnt", Namespaces.CLONE_NEWNS);
        return namespaces;
    }

    /**
     * Runs the command to its end and returns its exit code (128 + signal when killed). Without
     * given stdio it gets this process's, a terminal among them relayed through a pipe ({@link StdioPipes}).
     */
    public static int run(ExecRequest request) {
        if (request.stdio() != null || request.detach()) {
            return ProcessCalls.waitFor(start(request)).exitCode();
        }
        try (StdioPipes pipes = new StdioPipes()) {
            long pid = start(request.withStdio(pipes.childStdio()));
            pipes.closeChildEnds();
            int exitCode = ProcessCalls.waitFor(pid).exitCode();
            pipes.awaitOutput();
            return exitCode;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an exec's output", e);
        }
    }

    /**
     * Runs the command with a pty (sized as this process's terminal) relayed to this process's
     * stdin and stdout ({@link TerminalRelay}); returns its exit code.
     */
    public static int runWithTerminal(ExecRequest request) {
        TerminalExec exec = startWithTerminal(request, TerminalRelay.localSize().orElse(null));
        AtomicReference<ProcessCalls.ExitStatus> exit = new AtomicReference<>();
        Thread waiter = new Thread(() -> exit.set(ProcessCalls.waitFor(exec.pid())), "berth-exec-wait-" + exec.pid());
        waiter.setDaemon(true);
        waiter.start();
        try {
            TerminalRelay.relay(new PtyAttachment(exec.master()), () -> exit.get() != null);
        } finally {
            FdCalls.closeQuietly(exec.master()); // hangs up the session if the relay failed early
        }
        try {
            waiter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an exec", e);
        }
        return exit.get().exitCode();
    }

    /**
     * Starts the command; returns its PID (this JVM's child: the caller reaps it, e.g. with
     * {@link ProcessCalls#waitFor}). Detached commands are reaped by a daemon thread instead.
     */
    public static long start(ExecRequest request) {
        return start(request, null).pid();
    }

    /**
     * A started exec with a pseudo-terminal as its stdio: its PID (this JVM's child) and the pty's
     * master, which the caller relays and closes ({@link TerminalRelay}).
     */
    public record TerminalExec(long pid, int master) {
    }

    /**
     * Starts the command with a new pty from the container's own devpts as its stdin, stdout and
     * stderr: the command leads a new session whose controlling terminal that is, so {@code tty}
     * names /dev/pts/N of the container and job control works. {@code size}: null leaves 0x0.
     */
    public static TerminalExec startWithTerminal(ExecRequest request, Terminals.WindowSize size) {
        AtomicInteger master = new AtomicInteger(-1);
        try {
            return start(request, new TerminalSetup(size, master));
        } catch (RuntimeException e) {
            FdCalls.closeQuietly(master.get());
            throw e;
        }
    }

    /** What a pty exec asks of the spawning thread; it leaves the master in {@code master}. */
    private record TerminalSetup(Terminals.WindowSize size, AtomicInteger master) {
    }

    private static TerminalExec start(ExecRequest request, TerminalSetup terminal) {
        // inside, a class loaded from a class-path directory would be looked for in the container
        io.berth.runtime.linux.LinuxLayer.loadAll();
        load(InitStageChannel.class);
        List<Integer> openFds = new ArrayList<>();
        int devNull = -1;
        int[] status = null;
        try {
            List<Integer> namespaceFds = new ArrayList<>();
            for (String name : NAMESPACES.keySet()) {
                namespaceFds.add(Namespaces.open("/proc/" + request.containerPid() + "/ns/" + name));
            }
            openFds.addAll(namespaceFds);
            checkStillTheContainer(request);
            // opened here, on the host: the stage (in the container's mount namespace) writes itself in
            List<Integer> cgroupFds = new ArrayList<>();
            for (Path procs : request.cgroupProcs()) {
                cgroupFds.add(FdCalls.open(procs.toString(), FdCalls.O_WRONLY | FdCalls.O_CLOEXEC, 0));
                openFds.add(cgroupFds.get(cgroupFds.size() - 1));
            }
            int configFd = FdCalls.memfdWith("berth-exec", stageConfig(request, cgroupFds.size())
                    .encode().getBytes(StandardCharsets.UTF_8));
            openFds.add(configFd);
            status = FdCalls.pipe();
            int[] stdio = request.stdio();
            if (stdio == null) {
                if (request.detach()) {
                    devNull = FdCalls.open("/dev/null", FdCalls.O_RDWR, 0);
                    stdio = new int[] {devNull, devNull, devNull};
                } else {
                    stdio = new int[] {0, 1, 2};
                }
            }
            List<Integer> placed = new ArrayList<>(List.of(configFd, status[1], InitStageExecutable.memfd()));
            placed.addAll(cgroupFds);
            long pid = spawnInside(request, namespaceFds, stdio, placed, terminal);
            FdCalls.closeQuietly(status[1]);
            status[1] = -1;
            awaitExec(pid, status[0]);
            if (request.detach()) {
                Thread reaper = new Thread(() -> ProcessCalls.waitFor(pid), "berth-exec-reaper-" + pid);
                reaper.setDaemon(true);
                reaper.start();
            }
            return new TerminalExec(pid, terminal == null ? -1 : terminal.master().get());
        } finally {
            openFds.forEach(FdCalls::closeQuietly);
            FdCalls.closeQuietly(devNull);
            if (status != null) {
                FdCalls.closeQuietly(status[0]);
                if (status[1] >= 0) {
                    FdCalls.closeQuietly(status[1]);
                }
            }
        }
    }

    private static ExecStageConfig stageConfig(ExecRequest request, int cgroupCount) {
        List<Integer> cgroupFds = new ArrayList<>();
        for (int i = 0; i < cgroupCount; i++) {
            cgroupFds.add(InitStage.EXEC_FIRST_CGROUP_FD + i);
        }
        return new ExecStageConfig(request.argv(), request.env(), request.workingDir(), request.uid(), request.gid(),
                request.supplementaryGids(), request.capabilities(), request.noNewPrivileges(),
                request.rlimits().stream().map(r -> new InitConfig.Rlimit(r.name(), r.soft(), r.hard())).toList(),
                request.seccomp(), cgroupFds);
    }

    /** "exec" then end of file (execve closed the pipe); else the stage's error, after reaping it. */
    private static void awaitExec(long pid, int statusFd) {
        try {
            InitStageChannel channel = new InitStageChannel(statusFd, STAGE_TIMEOUT);
            channel.expect(InitStage.EXEC);
            channel.expectEndOfFile();
        } catch (InitStageChannel.InitStageException e) {
            ProcessCalls.killIfAlive(pid, ProcessCalls.SIGKILL);
            ProcessCalls.waitFor(pid);
            // the stage's words: "exec: \"x\": ... not found"; the kind carries Docker's 127 or 126
            throw new io.berth.runtime.RuntimeOperationException(e.kind(), e.getMessage(), e);
        } catch (RuntimeException e) {
            ProcessCalls.killIfAlive(pid, ProcessCalls.SIGKILL);
            ProcessCalls.waitFor(pid);
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The namespaces just opened are the container's only if the PID still names its process: one
     * that exited since the caller's snapshot may have left its number to another (the container
     * re-adopted after a supervisor restart is no longer this host's child, so nothing holds it).
     */
    private static void checkStillTheContainer(ExecRequest request) {
        if (request.containerStartTime() == 0) {
            return;
        }
        long now;
        try {
            now = ProcStart.startTime(request.containerPid());
        } catch (IllegalStateException gone) {
            now = -1;
        }
        if (now != request.containerStartTime()) {
            throw new io.berth.runtime.RuntimeOperationException(io.berth.runtime.RuntimeOperationException.Kind.CONFLICT,
                    "the container's process (PID " + request.containerPid() + ") has exited: it is not running");
        }
    }

    /**
     * On a throwaway thread: setns into the container's namespaces (the pid namespace only for the
     * children of this thread: this JVM itself never enters it), then posix_spawn the exec stage,
     * which therefore starts in every namespace of the container.
     */
    private static long spawnInside(ExecRequest request, List<Integer> namespaceFds, int[] stdio, List<Integer> placed,
                                    TerminalSetup terminal) {
        String executable = "/proc/self/fd/" + InitStage.EXEC_EXECUTABLE_FD; // the stage's own /proc/self
        return ThrowawayThread.spawn("berth-exec-" + request.containerPid(), "starting an exec",
                "exec in container " + request.containerPid() + ": no process started", () -> {
            Namespaces.unshare(Namespaces.CLONE_FS);
            int i = 0;
            for (Map.Entry<String, Integer> namespace : NAMESPACES.entrySet()) {
                Namespaces.setns(namespaceFds.get(i++), namespace.getValue(),
                        "/proc/" + request.containerPid() + "/ns/" + namespace.getKey());
            }
            List<FdAction> actions = new ArrayList<>();
            if (terminal == null) {
                int[] all = new int[3 + placed.size()];
                System.arraycopy(stdio, 0, all, 0, 3);
                for (int j = 0; j < placed.size(); j++) {
                    all[3 + j] = placed.get(j);
                }
                actions.addAll(ProcessCalls.placeAt(0, all));
            } else {
                String slave = openTerminal(request, terminal);
                actions.addAll(ProcessCalls.placeAt(InitStage.CONFIG_FD,
                        placed.stream().mapToInt(Integer::intValue).toArray()));
                actions.addAll(terminalActions(slave));
            }
            return ProcessCalls.spawn(executable, List.of("berth-init", InitStage.EXEC_MODE), List.of(),
                    new SpawnOptions(actions, request.detach() || terminal != null, null));
        });
    }

    /**
     * A pty from the container's devpts (its /dev/pts/ptmx; /dev/ptmx if it has none), sized, its
     * slave made the exec user's: opened on the thread that is in the container's mount namespace,
     * while it is still root. Returns the slave's path there.
     */
    private static String openTerminal(ExecRequest request, TerminalSetup terminal) {
        Terminals.Pty pty;
        try {
            pty = Terminals.openPty("/dev/pts/ptmx");
        } catch (LinuxException noOwnDevpts) {
            pty = Terminals.openPty("/dev/ptmx");
        }
        terminal.master().set(pty.master());
        if (terminal.size() != null) {
            Terminals.setWindowSize(pty.master(), terminal.size());
        }
        int slave = Terminals.openSlave(pty.master());
        try {
            FdCalls.chown(slave, request.uid(), -1); // as Docker: a non-root exec can open it
        } finally {
            FdCalls.closeQuietly(slave);
        }
        return pty.slavePath();
    }

    /**
     * The child (after posix_spawn's setsid, which glibc does before the file actions) opens the
     * slave without O_NOCTTY, which makes it the new session's controlling terminal, as 0, 1, 2.
     */
    private static List<FdAction> terminalActions(String slavePath) {
        return List.of(FdAction.open(0, slavePath, FdCalls.O_RDWR, 0), FdAction.dup2(0, 1), FdAction.dup2(0, 2));
    }

    private static void load(Class<?> type) {
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
            Class.forName(InitStageChannel.InitStageException.class.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
