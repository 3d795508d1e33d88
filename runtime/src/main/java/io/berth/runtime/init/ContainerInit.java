package io.berth.runtime.init;

import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.LinuxLayer;
import io.berth.runtime.linux.Mounts;
import io.berth.runtime.linux.Namespaces;
import io.berth.runtime.linux.SystemCalls;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The init stage: PID 1 of a new container, a small JVM started by the launcher with posix_spawn
 * in fresh namespaces. It sets up the root (mounts, pivot_root), names, limits, the cgroup,
 * credentials and capabilities, then execve's the service's command, which replaces this JVM.
 *
 * Descriptors: 0-2 the container's stdio; {@value #CONFIG_FD} the config (memfd, {@link InitConfig});
 * {@value #STATUS_FD} status to the launcher ("ready", then "exec" or "error MESSAGE");
 * {@value #GO_FD} the launcher's go-ahead (one byte: {@link #GO}, or {@link #GO_WITH_TERMINAL} when the
 * launcher holds the master of /dev/pts/0, which then becomes 0-2 and the controlling terminal). Few classes, no logging, no JSON: it must
 * start fast. After pivot_root the class path may no longer be reachable, so every class used
 * later is loaded up front.
 */
public final class ContainerInit {
    static final int CONFIG_FD = 3;
    static final int STATUS_FD = 4;
    static final int GO_FD = 5;
    public static final String READY = "ready";
    public static final String EXEC = "exec";
    public static final String ERROR = "error ";
    /** The go-ahead byte: plain, or "the launcher opened the first pty of /dev/pts: make it your stdio". */
    public static final byte GO = 1;
    public static final byte GO_WITH_TERMINAL = 2;
    /** The first pty of the container's own devpts instance: the one a terminal launch opened. */
    public static final String FIRST_PTY = "/dev/pts/0";

    private static final List<String> LOADED_BEFORE_PIVOT = List.of(
            "io.berth.runtime.init.RootSetup", "io.berth.runtime.init.ProcessSetup", "io.berth.runtime.init.MountFlags",
            "io.berth.runtime.init.ExecutableSearch", "io.berth.runtime.init.InitConfig$Mount",
            "io.berth.runtime.init.InitConfig$Rlimit", "io.berth.runtime.init.InitConfig$CgroupFs");

    /** Loads what a launch loads, then exits: run with -XX:ArchiveClassesAtExit to make a CDS archive. */
    public static final String WARM_UP = "--warm-up";

    private ContainerInit() {
    }

    private static void warmUp() {
        LinuxLayer.loadForInitStage();
        for (String name : LOADED_BEFORE_PIVOT) {
            try {
                Class.forName(name, true, ContainerInit.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        InitConfig sample = new InitConfig("/", List.of("true"), List.of("A=b"), "/", 0, 0, List.of(1), "h", "", true,
                List.of(new InitConfig.Mount("bind", "/", "/x", List.of("ro"), "")), List.of("CAP_CHOWN"), true, false,
                java.util.Map.of("net.x", "1"), List.of(new InitConfig.Rlimit("nofile", 1, 1)), 1, List.of("/x"),
                List.of(new InitConfig.CgroupFs("cgroup", "cpu", "cpu")));
        InitConfig.decode(sample.encode());
        SystemCalls.umask(SystemCalls.umask(0022));
        new com.sun.jna.StringArray(new String[] {"x"}, "UTF-8");
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals(WARM_UP)) {
            warmUp();
            return;
        }
        try {
            LinuxLayer.loadForInitStage();
            for (String name : LOADED_BEFORE_PIVOT) {
                Class.forName(name, true, ContainerInit.class.getClassLoader());
            }
            InitConfig config = InitConfig.decode(new String(FdCalls.readToEnd(CONFIG_FD), StandardCharsets.UTF_8));
            FdCalls.closeQuietly(CONFIG_FD);
            run(config);
        } catch (Throwable failure) {
            String message = failure instanceof RuntimeException && failure.getMessage() != null
                    ? failure.getMessage() : failure.toString();
            try {
                FdCalls.writeAll(STATUS_FD, ERROR + message.replace('\n', ' ') + "\n");
            } finally {
                Runtime.getRuntime().halt(127);
            }
        }
    }

    private static void run(InitConfig config) {
        SystemCalls.umask(0022);
        // First of all: nothing mounted from here on may propagate back to the host.
        Mounts.mount(null, "/", null, Mounts.MS_REC | Mounts.MS_SLAVE, null);
        // No lambdas or streams on this path: each costs this fresh JVM milliseconds to link.
        List<String> cgroupProcs = config.cgroupProcs();
        int[] cgroupFds = new int[cgroupProcs.size()];
        for (int i = 0; i < cgroupFds.length; i++) {
            cgroupFds[i] = FdCalls.open(cgroupProcs.get(i), FdCalls.O_WRONLY, 0);
        }
        RootSetup root = new RootSetup(config);
        root.mountDefaults();
        root.mountRequested();
        String executable = root.resolveExecutable();
        root.makeWorkingDirectory();
        root.pivot();
        root.applySysctls();
        root.maskAndProtectPaths();
        root.applyReadOnlyRootfs();
        if (!config.hostname().isEmpty()) {
            SystemCalls.sethostname(config.hostname());
        }
        if (!config.domainname().isEmpty()) {
            SystemCalls.setdomainname(config.domainname());
        }
        if (config.newNetwork()) {
            SystemCalls.loopbackUp();
        }
        for (InitConfig.Rlimit limit : config.rlimits()) {
            SystemCalls.setrlimit(limit.name(), limit.soft(), limit.hard());
        }

        FdCalls.writeAll(STATUS_FD, READY + "\n");
        byte[] go = FdCalls.read(GO_FD, 1);
        if (go.length != 1) {
            throw new IllegalStateException("the launcher went away before giving the go-ahead");
        }
        FdCalls.closeQuietly(GO_FD);
        if (go[0] == GO_WITH_TERMINAL) {
            ProcessSetup.takeTerminal(FIRST_PTY, config.uid());
        }
        // Join the container's cgroup only now, so its memory limit never counts this JVM; then a
        // cgroup namespace rooted there, so the command sees "/" as its cgroup.
        for (int fd : cgroupFds) {
            FdCalls.writeAll(fd, "0");
            FdCalls.closeQuietly(fd);
        }
        Namespaces.unshare(Namespaces.CLONE_NEWCGROUP);
        root.mountCgroupFs();
        ProcessSetup.enterWorkingDirectory(config.workingDir());
        ProcessSetup.dropPrivileges(config);
        SystemCalls.unblockAllSignals();
        SystemCalls.closeOnExecFrom(3);
        FdCalls.writeAll(STATUS_FD, EXEC + "\n");
        SystemCalls.execve(executable, config.argv(), config.env());
    }
}
