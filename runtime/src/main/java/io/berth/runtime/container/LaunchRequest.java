package io.berth.runtime.container;

import io.berth.runtime.ContainerId;
import io.berth.runtime.seccomp.SeccompProgram;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything the launcher needs, fully resolved by the caller: no image lookups, names or
 * relative paths left.
 *
 * @param lowerDirs    image layer directories, top-most first (overlay lowerdir order)
 * @param upperDir     the container's writable layer; workDir beside it on the same filesystem
 * @param rootfs       where the overlay is mounted on the host
 * @param argv         the command, argv[0] resolved against PATH inside the root by the init stage
 * @param env          KEY=VALUE
 * @param uid          numeric ids, resolved by the caller from the image's /etc/passwd and /etc/group
 * @param netns        path of a network namespace to join (bind-mounted nsfs); null: a new one
 *                     with loopback only; {@link #HOST_NETNS}: the launcher's own (the host's),
 *                     for {@code network_mode: host}: nothing is created or joined
 * @param shareNetnsOf not used when netns is set; else the PID whose namespaces to join (ipc etc.)
 * @param stdout       file the process's stdout goes to, opened O_APPEND (no SIGPIPE if the
 *                     supervisor dies); stderr likewise; stdin is /dev/null unless stdinPath
 * @param mounts       extra mounts, in order, after the defaults (/proc, /dev, /sys, ...)
 * @param capabilities the effective/permitted/bounding set by name (CAP_CHOWN, ...)
 * @param init         the init stage stays PID 1, forks the command, forwards signals, reaps zombies
 * @param ipcNamespace an IPC namespace to join (/proc/PID/ns/ipc, or {@link #HOST_IPC}); null: a new one
 * @param pidNamespace a PID namespace to join (/proc/PID/ns/pid, or {@link #HOST_PID}); null: a new one,
 *                     whose PID 1 the init stage is
 * @param seccomp      the filter the init stage loads before dropping capabilities; null: unconfined
 */
public record LaunchRequest(
        ContainerId id,
        List<Path> lowerDirs,
        Path upperDir,
        Path workDir,
        Path rootfs,
        List<String> argv,
        List<String> env,
        String workingDir,
        int uid,
        int gid,
        List<Integer> supplementaryGids,
        String hostname,
        String domainname,
        Path netns,
        Long shareNetnsOf,
        Path stdout,
        Path stderr,
        Path stdinPath,
        List<Mount> mounts,
        List<String> capabilities,
        boolean noNewPrivileges,
        boolean readOnlyRootfs,
        Map<String, String> sysctls,
        List<Rlimit> rlimits,
        long shmSizeBytes,
        CgroupLimits limits,
        boolean init,
        Path ipcNamespace,
        Path pidNamespace,
        SeccompProgram seccomp) {

    /** Without a seccomp filter (unconfined). */
    public LaunchRequest(ContainerId id, List<Path> lowerDirs, Path upperDir, Path workDir, Path rootfs,
                         List<String> argv, List<String> env, String workingDir, int uid, int gid,
                         List<Integer> supplementaryGids, String hostname, String domainname, Path netns,
                         Long shareNetnsOf, Path stdout, Path stderr, Path stdinPath, List<Mount> mounts,
                         List<String> capabilities, boolean noNewPrivileges, boolean readOnlyRootfs,
                         Map<String, String> sysctls, List<Rlimit> rlimits, long shmSizeBytes, CgroupLimits limits,
                         boolean init, Path ipcNamespace, Path pidNamespace) {
        this(id, lowerDirs, upperDir, workDir, rootfs, argv, env, workingDir, uid, gid, supplementaryGids, hostname,
                domainname, netns, shareNetnsOf, stdout, stderr, stdinPath, mounts, capabilities, noNewPrivileges,
                readOnlyRootfs, sysctls, rlimits, shmSizeBytes, limits, init, ipcNamespace, pidNamespace, null);
    }

    /** {@code pid: host}: the launching process's (the host's) PID namespace. */
    public static final Path HOST_PID = Path.of("/proc/self/ns/pid");

    /** A request with a new PID namespace (as before joining one existed). */
    public LaunchRequest(ContainerId id, List<Path> lowerDirs, Path upperDir, Path workDir, Path rootfs,
                         List<String> argv, List<String> env, String workingDir, int uid, int gid,
                         List<Integer> supplementaryGids, String hostname, String domainname, Path netns,
                         Long shareNetnsOf, Path stdout, Path stderr, Path stdinPath, List<Mount> mounts,
                         List<String> capabilities, boolean noNewPrivileges, boolean readOnlyRootfs,
                         Map<String, String> sysctls, List<Rlimit> rlimits, long shmSizeBytes, CgroupLimits limits,
                         boolean init, Path ipcNamespace) {
        this(id, lowerDirs, upperDir, workDir, rootfs, argv, env, workingDir, uid, gid, supplementaryGids, hostname,
                domainname, netns, shareNetnsOf, stdout, stderr, stdinPath, mounts, capabilities, noNewPrivileges,
                readOnlyRootfs, sysctls, rlimits, shmSizeBytes, limits, init, ipcNamespace, null);
    }

    /** {@code ipc: host}: the launching process's (the host's) IPC namespace, kept as it is. */
    public static final Path HOST_IPC = Path.of("/proc/self/ns/ipc");

    /** A request that makes a new IPC namespace (as before joining one existed). */
    public LaunchRequest(ContainerId id, List<Path> lowerDirs, Path upperDir, Path workDir, Path rootfs,
                         List<String> argv, List<String> env, String workingDir, int uid, int gid,
                         List<Integer> supplementaryGids, String hostname, String domainname, Path netns,
                         Long shareNetnsOf, Path stdout, Path stderr, Path stdinPath, List<Mount> mounts,
                         List<String> capabilities, boolean noNewPrivileges, boolean readOnlyRootfs,
                         Map<String, String> sysctls, List<Rlimit> rlimits, long shmSizeBytes, CgroupLimits limits,
                         boolean init) {
        this(id, lowerDirs, upperDir, workDir, rootfs, argv, env, workingDir, uid, gid, supplementaryGids, hostname,
                domainname, netns, shareNetnsOf, stdout, stderr, stdinPath, mounts, capabilities, noNewPrivileges,
                readOnlyRootfs, sysctls, rlimits, shmSizeBytes, limits, init, null);
    }

    /** A request without init (as before it existed). */
    public LaunchRequest(ContainerId id, List<Path> lowerDirs, Path upperDir, Path workDir, Path rootfs,
                         List<String> argv, List<String> env, String workingDir, int uid, int gid,
                         List<Integer> supplementaryGids, String hostname, String domainname, Path netns,
                         Long shareNetnsOf, Path stdout, Path stderr, Path stdinPath, List<Mount> mounts,
                         List<String> capabilities, boolean noNewPrivileges, boolean readOnlyRootfs,
                         Map<String, String> sysctls, List<Rlimit> rlimits, long shmSizeBytes, CgroupLimits limits) {
        this(id, lowerDirs, upperDir, workDir, rootfs, argv, env, workingDir, uid, gid, supplementaryGids, hostname,
                domainname, netns, shareNetnsOf, stdout, stderr, stdinPath, mounts, capabilities, noNewPrivileges,
                readOnlyRootfs, sysctls, rlimits, shmSizeBytes, limits, false, null);
    }

    /**
     * {@code netns} for {@code network_mode: host}: the network namespace of the launching process
     * (the supervisor, in the host's), kept as it is. Never {@code /proc/1/ns/net}: PID 1 may be
     * out of reach (a sandbox), and it is not necessarily the namespace Berth runs in.
     */
    public static final Path HOST_NETNS = Path.of("/proc/self/ns/net");

    /**
     * A mount made inside the root after the defaults. Type "bind" (source a host path;
     * the destination is resolved inside the root, never through a symlink out of it),
     * "tmpfs" (data: "size=...,mode=..."), or any filesystem type the kernel knows.
     */
    public record Mount(String type, Path source, String destination, List<String> flags, String data) {
    }

    public record Rlimit(String name, long soft, long hard) {
    }

    /**
     * Null fields: no limit. {@code devices}: allowed beyond Docker's default devices;
     * {@code memoryReservationBytes}: the soft limit (v1 memory.soft_limit_in_bytes, v2 memory.low).
     */
    public record CgroupLimits(Long memoryBytes, Long memorySwapBytes, Long cpuQuotaMicros,
                               Long cpuPeriodMicros, Long cpuShares, String cpusetCpus, Long pidsLimit,
                               List<DeviceRule> devices, Long memoryReservationBytes) {
        public static final CgroupLimits NONE = new CgroupLimits(null, null, null, null, null, null, null);

        public CgroupLimits {
            devices = devices == null ? List.of() : List.copyOf(devices);
        }

        /** Limits with no devices beyond Docker's defaults (as before devices existed). */
        public CgroupLimits(Long memoryBytes, Long memorySwapBytes, Long cpuQuotaMicros, Long cpuPeriodMicros,
                            Long cpuShares, String cpusetCpus, Long pidsLimit) {
            this(memoryBytes, memorySwapBytes, cpuQuotaMicros, cpuPeriodMicros, cpuShares, cpusetCpus, pidsLimit,
                    List.of(), null);
        }
    }

    /**
     * A device cgroup rule: type 'c', 'b' or 'a' (all), major and minor (-1: any), access (some of
     * "rwm"); as cgroup v1's devices.allow writes it.
     */
    public record DeviceRule(char type, int major, int minor, String access) {
        public String asAllowLine() {
            return type + " " + (major < 0 ? "*" : Integer.toString(major)) + ":"
                    + (minor < 0 ? "*" : Integer.toString(minor)) + " " + access;
        }
    }
}
