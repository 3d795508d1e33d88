package io.berth.runtime.init;

import io.berth.runtime.linux.FdCalls;
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
 * {@value #GO_FD} the launcher's go-ahead (one byte). Few classes, no logging, no JSON: it must
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

    private static final List<String> LOADED_BEFORE_PIVOT = List.of(
            "io.berth.runtime.init.RootSetup", "io.berth.runtime.init.ProcessSetup", "io.berth.runtime.init.MountFlags",
            "io.berth.runtime.init.InitConfig$Mount", "io.berth.runtime.init.InitConfig$Rlimit",
            "io.berth.runtime.linux.LibC",
            "io.berth.runtime.linux.SecureJoin", "io.berth.runtime.linux.SecureJoin$Create",
            "io.berth.runtime.linux.PathCalls", "io.berth.runtime.linux.Mounts",
            "io.berth.runtime.linux.SystemCalls", "io.berth.runtime.linux.ThreadCredentials",
            "io.berth.runtime.linux.Capabilities", "io.berth.runtime.linux.FdCalls",
            "io.berth.runtime.linux.LinuxException", "io.berth.runtime.linux.ErrnoNames",
            "io.berth.runtime.linux.Namespaces", "io.berth.runtime.linux.Syscalls",
            "com.sun.jna.LastErrorException", "com.sun.jna.StringArray", "com.sun.jna.Memory");

    private ContainerInit() {
    }

    public static void main(String[] args) {
        try {
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
        int[] cgroupFds = config.cgroupProcs().stream()
                .mapToInt(file -> FdCalls.open(file, FdCalls.O_WRONLY, 0)).toArray();
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
        config.rlimits().forEach(limit -> SystemCalls.setrlimit(limit.name(), limit.soft(), limit.hard()));

        FdCalls.writeAll(STATUS_FD, READY + "\n");
        if (FdCalls.read(GO_FD, 1).length != 1) {
            throw new IllegalStateException("the launcher went away before giving the go-ahead");
        }
        FdCalls.closeQuietly(GO_FD);
        // Join the container's cgroup only now, so its memory limit never counts this JVM; then a
        // cgroup namespace rooted there, so the command sees "/" as its cgroup.
        for (int fd : cgroupFds) {
            FdCalls.writeAll(fd, "0");
            FdCalls.closeQuietly(fd);
        }
        Namespaces.unshare(Namespaces.CLONE_NEWCGROUP);
        ProcessSetup.enterWorkingDirectory(config.workingDir());
        ProcessSetup.dropPrivileges(config);
        SystemCalls.unblockAllSignals();
        SystemCalls.closeOnExecFrom(3);
        FdCalls.writeAll(STATUS_FD, EXEC + "\n");
        SystemCalls.execve(executable, config.argv(), config.env());
    }
}
