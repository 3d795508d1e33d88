package io.berth.runtime.init;

import static io.berth.runtime.linux.Mounts.MS_BIND;
import static io.berth.runtime.linux.Mounts.MS_NODEV;
import static io.berth.runtime.linux.Mounts.MS_NOEXEC;
import static io.berth.runtime.linux.Mounts.MS_NOSUID;
import static io.berth.runtime.linux.Mounts.MS_RDONLY;
import static io.berth.runtime.linux.Mounts.MS_REC;
import static io.berth.runtime.linux.Mounts.MS_REMOUNT;
import static io.berth.runtime.linux.Mounts.MS_STRICTATIME;

import io.berth.runtime.linux.ErrnoNames;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.LinuxException;
import io.berth.runtime.linux.Mounts;
import io.berth.runtime.linux.PathCalls;
import io.berth.runtime.linux.SecureJoin;
import io.berth.runtime.linux.SecureJoin.Create;
import java.util.List;
import java.util.Map;

/**
 * The container's root as Docker sets it up. Every destination is resolved inside the root by
 * {@link SecureJoin} and mounted through /proc/self/fd/N, so symlinks in the image cannot point a
 * mount (or a write) at the host.
 */
final class RootSetup {
    /** Docker's masked paths: /dev/null over files, an empty read-only tmpfs over directories. */
    private static final List<String> MASKED = List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");
    private static final List<String> READ_ONLY = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");
    /** name, major, minor of the device nodes every container gets. */
    private static final List<int[]> DEVICES = List.of(new int[] {1, 3}, new int[] {1, 5}, new int[] {1, 7},
            new int[] {1, 8}, new int[] {1, 9}, new int[] {5, 0});
    private static final List<String> DEVICE_NAMES = List.of("null", "zero", "full", "random", "urandom", "tty");
    /** name, target of the symbolic links in /dev. */
    private static final String[][] DEVICE_LINKS = {{"fd", "/proc/self/fd"}, {"stdin", "/proc/self/fd/0"},
        {"stdout", "/proc/self/fd/1"}, {"stderr", "/proc/self/fd/2"}, {"ptmx", "pts/ptmx"}, {"core", "/proc/kcore"}};
    private static final List<String> NAMESPACED_SYSCTLS = List.of("net.", "kernel.shm", "kernel.msg", "kernel.sem",
            "fs.mqueue.");

    private final InitConfig config;
    private int rootFd;

    RootSetup(InitConfig config) {
        this.config = config;
        this.rootFd = FdCalls.open(config.rootfs(), FdCalls.O_PATH | FdCalls.O_DIRECTORY, 0);
    }

    void mountDefaults() {
        mountAt("/proc", Create.DIRECTORY, "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
        mountAt("/dev", Create.DIRECTORY, "tmpfs", "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k");
        int dev = SecureJoin.open(rootFd, "/dev", Create.NOTHING);
        try {
            for (int i = 0; i < DEVICES.size(); i++) {
                String name = DEVICE_NAMES.get(i);
                PathCalls.mknodat(dev, name, PathCalls.S_IFCHR | 0666, DEVICES.get(i)[0], DEVICES.get(i)[1], "/dev/" + name);
                PathCalls.fchmodat(dev, name, 0666, "/dev/" + name);
            }
            for (String[] link : DEVICE_LINKS) { // no lambdas on the init path: each costs milliseconds to link
                PathCalls.symlinkat(link[1], dev, link[0], "/dev/" + link[0]);
            }
            for (String name : List.of("pts", "shm", "mqueue")) {
                PathCalls.mkdirat(dev, name, 0755, "/dev/" + name);
            }
        } finally {
            FdCalls.closeQuietly(dev);
        }
        mountAt("/dev/pts", Create.DIRECTORY, "devpts", "devpts", MS_NOSUID | MS_NOEXEC,
                "newinstance,ptmxmode=0666,mode=0620,gid=5");
        mountAt("/dev/shm", Create.DIRECTORY, "shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
                "mode=1777,size=" + config.shmSizeBytes());
        mountAt("/dev/mqueue", Create.DIRECTORY, "mqueue", "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
        mountAt("/sys", Create.DIRECTORY, "sysfs", "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
    }

    /** The request's own mounts, in order: bind (recursive unless "bind"), tmpfs or any type. */
    void mountRequested() {
        for (InitConfig.Mount mount : config.mounts()) {
            long flags = MountFlags.flags(mount.flags());
            if (mount.type().equals("bind")) {
                boolean directory = isDirectory(mount.source());
                long bind = MS_BIND | (mount.flags().contains("bind") ? 0 : MS_REC);
                mountAt(mount.destination(), directory ? Create.DIRECTORY : Create.FILE, mount.source(), null, bind, null);
                if (flags != 0) {
                    remountAt(mount.destination(), MS_BIND | MS_REMOUNT | flags);
                }
            } else {
                String source = mount.source() == null || mount.source().isEmpty() ? mount.type() : mount.source();
                mountAt(mount.destination(), Create.DIRECTORY, source, mount.type(), flags, emptyToNull(mount.data()));
            }
            long propagation = MountFlags.propagation(mount.flags());
            if (propagation != 0) {
                remountAt(mount.destination(), propagation);
            }
        }
    }

    /** argv[0] as a path inside the root: searched in the container's PATH when it has no slash. */
    String resolveExecutable() {
        return ExecutableSearch.resolve(rootFd, config.argv().isEmpty() ? "" : config.argv().get(0), config.env());
    }

    /** Docker creates the working directory when the image lacks it. */
    void makeWorkingDirectory() {
        String workingDir = config.workingDir();
        if (workingDir != null && !workingDir.isEmpty() && !workingDir.equals("/")) {
            FdCalls.closeQuietly(SecureJoin.open(rootFd, workingDir, Create.DIRECTORY));
        }
    }

    /** pivot_root(".", ".") as runc does it: the old root stacked on the new one, then detached. */
    void pivot() {
        Mounts.fchdir(rootFd, config.rootfs());
        Mounts.pivotRoot(".", ".");
        Mounts.mount(null, ".", null, MS_REC | Mounts.MS_SLAVE, null);
        Mounts.umount(".", Mounts.MNT_DETACH);
        Mounts.chdir("/");
        FdCalls.closeQuietly(rootFd);
        rootFd = FdCalls.open("/", FdCalls.O_PATH | FdCalls.O_DIRECTORY, 0);
    }

    /** Only sysctls the container's own namespaces scope (net, IPC); written before /proc/sys turns read-only. */
    void applySysctls() {
        for (Map.Entry<String, String> sysctl : config.sysctls().entrySet()) {
            String key = sysctl.getKey();
            if (!isNamespaced(key) || key.contains("..")) {
                throw new IllegalArgumentException("sysctl " + key + " is not namespaced: it would change the host");
            }
            int fd = SecureJoin.open(rootFd, "/proc/sys/" + key.replace('.', '/'), Create.NOTHING);
            FdCalls.closeQuietly(fd);
            int writable = FdCalls.open("/proc/sys/" + key.replace('.', '/'), FdCalls.O_WRONLY | FdCalls.O_TRUNC, 0);
            try {
                FdCalls.writeAll(writable, sysctl.getValue());
            } finally {
                FdCalls.closeQuietly(writable);
            }
        }
    }

    private static boolean isNamespaced(String key) {
        for (String prefix : NAMESPACED_SYSCTLS) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    void maskAndProtectPaths() {
        for (String path : MASKED) {
            int fd = openIfExists(path);
            if (fd < 0) {
                continue;
            }
            try {
                boolean directory = (PathCalls.mode(fd, path) & PathCalls.S_IFMT) == PathCalls.S_IFDIR;
                if (directory) {
                    Mounts.mount("tmpfs", SecureJoin.procPath(fd), "tmpfs", MS_RDONLY, null, path);
                } else {
                    Mounts.mount("/dev/null", SecureJoin.procPath(fd), null, MS_BIND, null, path);
                }
            } finally {
                FdCalls.closeQuietly(fd);
            }
        }
        for (String path : READ_ONLY) {
            int fd = openIfExists(path);
            if (fd < 0) {
                continue;
            }
            try {
                Mounts.mount(SecureJoin.procPath(fd), SecureJoin.procPath(fd), null, MS_BIND | MS_REC, null, path);
            } finally {
                FdCalls.closeQuietly(fd);
            }
            remountAt(path, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC);
        }
    }

    /**
     * /sys/fs/cgroup read-only, as the container's cgroup namespace shows it (its own cgroup as
     * the root): how programs such as a JVM find their memory and CPU limits. After pivot_root and
     * the cgroup namespace, so only the container's own part of the hierarchy is reachable.
     */
    void mountCgroupFs() {
        if (config.cgroupFs().isEmpty()) {
            return;
        }
        long flags = MS_NOSUID | MS_NODEV | MS_NOEXEC;
        if (config.cgroupFs().size() == 1 && config.cgroupFs().get(0).type().equals("cgroup2")) {
            mountAt("/sys/fs/cgroup", Create.NOTHING, "cgroup2", "cgroup2", flags | MS_RDONLY, null);
            return;
        }
        mountAt("/sys/fs/cgroup", Create.NOTHING, "tmpfs", "tmpfs", flags, "mode=755,size=64k");
        int directory = SecureJoin.open(rootFd, "/sys/fs/cgroup", Create.NOTHING);
        try {
            for (InitConfig.CgroupFs hierarchy : config.cgroupFs()) {
                PathCalls.mkdirat(directory, hierarchy.name(), 0755, "/sys/fs/cgroup/" + hierarchy.name());
            }
        } finally {
            FdCalls.closeQuietly(directory);
        }
        for (InitConfig.CgroupFs hierarchy : config.cgroupFs()) {
            mountAt("/sys/fs/cgroup/" + hierarchy.name(), Create.NOTHING, "cgroup", hierarchy.type(), flags | MS_RDONLY,
                    hierarchy.options());
        }
        remountAt("/sys/fs/cgroup", MS_REMOUNT | MS_RDONLY | flags);
    }

    void applyReadOnlyRootfs() {
        if (config.readOnlyRootfs()) {
            Mounts.mount(null, "/", null, MS_BIND | MS_REMOUNT | MS_RDONLY, null, "/ (read-only root)");
        }
    }

    private int openIfExists(String path) {
        try {
            return SecureJoin.open(rootFd, path, Create.NOTHING);
        } catch (LinuxException e) {
            if (e.errno() == ErrnoNames.ENOENT) {
                return -1;
            }
            throw e;
        }
    }

    private void mountAt(String destination, Create create, String source, String type, long flags, String data) {
        int fd = SecureJoin.open(rootFd, destination, create);
        try {
            Mounts.mount(source, SecureJoin.procPath(fd), type, flags, data, destination);
        } finally {
            FdCalls.closeQuietly(fd);
        }
    }

    /** Changes a mount made a moment ago: resolved again, so the descriptor is the new mount's root. */
    private void remountAt(String destination, long flags) {
        mountAt(destination, Create.NOTHING, null, null, flags, null);
    }

    /** As Files.isDirectory (symbolic links followed, false when missing), without NIO's classes in this JVM. */
    private static boolean isDirectory(String hostPath) {
        int fd;
        try {
            fd = FdCalls.open(hostPath, FdCalls.O_PATH, 0);
        } catch (LinuxException missing) {
            return false;
        }
        try {
            return (PathCalls.mode(fd, hostPath) & PathCalls.S_IFMT) == PathCalls.S_IFDIR;
        } catch (LinuxException e) {
            return false;
        } finally {
            FdCalls.closeQuietly(fd);
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
