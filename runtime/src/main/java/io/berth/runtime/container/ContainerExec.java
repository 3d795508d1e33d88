package io.berth.runtime.container;

import io.berth.runtime.init.ExecutableSearch;
import io.berth.runtime.linux.Capabilities;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.LinuxException;
import io.berth.runtime.linux.Mounts;
import io.berth.runtime.linux.Namespaces;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.ProcessCalls.FdAction;
import io.berth.runtime.linux.ProcessCalls.SpawnOptions;
import io.berth.runtime.linux.Terminals;
import io.berth.runtime.linux.ThreadCredentials;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a command in a running container without ever putting a JVM into it: on a throwaway thread,
 * unshare(CLONE_FS), setns into the container's ipc, uts, net, pid, cgroup and (last) mount
 * namespaces, take on the user's credentials and the container's capabilities for that thread
 * only, then posix_spawn the command, which starts as a process of the container's PID namespace.
 * The command is this JVM's child; it is moved into the container's cgroup right after the spawn
 * (posix_spawn cannot place it there itself before glibc 2.41: a command that forks within
 * microseconds of starting could leave a child outside; cgroup v1 could move the spawning thread
 * first, but then this JVM would be listed in, frozen and killed with, the container's cgroup).
 */
public final class ContainerExec {
    /** setns order: the mount namespace last, once /proc of the host is no longer needed. */
    private static final Map<String, Integer> NAMESPACES = namespaces();
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
        load(ExecutableSearch.class);
        List<Integer> namespaceFds = new ArrayList<>();
        int devNull = -1;
        try {
            for (String name : NAMESPACES.keySet()) {
                namespaceFds.add(Namespaces.open("/proc/" + request.containerPid() + "/ns/" + name));
            }
            int[] stdio = request.stdio();
            if (stdio == null) {
                if (request.detach()) {
                    devNull = FdCalls.open("/dev/null", FdCalls.O_RDWR, 0);
                    stdio = new int[] {devNull, devNull, devNull};
                } else {
                    stdio = new int[] {0, 1, 2};
                }
            }
            long pid = spawnInside(request, namespaceFds, stdio, terminal);
            if (pid <= 0) {
                throw new IllegalStateException("exec in container " + request.containerPid() + ": no process started");
            }
            for (Path procs : request.cgroupProcs()) {
                Cgroups.CgroupFiles.write(procs, Long.toString(pid)); // pid > 0: "0" would move this JVM
            }
            if (request.detach()) {
                Thread reaper = new Thread(() -> ProcessCalls.waitFor(pid), "berth-exec-reaper-" + pid);
                reaper.setDaemon(true);
                reaper.start();
            }
            return new TerminalExec(pid, terminal == null ? -1 : terminal.master().get());
        } finally {
            namespaceFds.forEach(FdCalls::closeQuietly);
            FdCalls.closeQuietly(devNull);
        }
    }

    private static long spawnInside(ExecRequest request, List<Integer> namespaceFds, int[] stdio,
                                    TerminalSetup terminal) {
        AtomicLong pid = new AtomicLong();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                Namespaces.unshare(Namespaces.CLONE_FS);
                int i = 0;
                for (Map.Entry<String, Integer> namespace : NAMESPACES.entrySet()) {
                    Namespaces.setns(namespaceFds.get(i++), namespace.getValue(),
                            "/proc/" + request.containerPid() + "/ns/" + namespace.getKey());
                }
                int root = FdCalls.open("/", FdCalls.O_PATH | FdCalls.O_DIRECTORY, 0);
                String executable;
                try {
                    executable = ExecutableSearch.resolve(root, request.argv().get(0), request.env());
                } finally {
                    FdCalls.closeQuietly(root);
                }
                String workingDir = request.workingDir() == null || request.workingDir().isEmpty()
                        ? "/" : request.workingDir();
                Mounts.chdir(workingDir);
                List<FdAction> actions = terminal == null ? ProcessCalls.placeAt(0, stdio[0], stdio[1], stdio[2])
                        : terminalActions(openTerminal(request, terminal));
                long capabilities = Capabilities.mask(request.capabilities());
                ThreadCredentials.limitBoundingSet(capabilities);
                ThreadCredentials.clearAmbient();
                ThreadCredentials.setGroups(request.supplementaryGids().stream().mapToInt(Integer::intValue).toArray());
                ThreadCredentials.setGid(request.gid());
                ThreadCredentials.setUid(request.uid());
                ThreadCredentials.setCapabilities(capabilities, capabilities, 0);
                if (request.noNewPrivileges()) {
                    ThreadCredentials.setNoNewPrivileges();
                }
                pid.set(ProcessCalls.spawn(executable, request.argv(), request.env(),
                        new SpawnOptions(actions, request.detach() || terminal != null, null)));
            } catch (RuntimeException e) {
                failure.set(e);
            } catch (Throwable e) {
                failure.set(new IllegalStateException(e.toString(), e));
            }
        }, "berth-exec-" + request.containerPid());
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting an exec", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return pid.get();
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
            Class.forName(io.berth.runtime.linux.SecureJoin.Create.class.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
