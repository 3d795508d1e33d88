package io.berth.runtime.container;

import io.berth.runtime.container.LaunchRequest.CgroupLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The cgroups of containers, v1 or v2, addressed by a path relative to the hierarchy roots
 * ("berth/ID"): one cgroup per container (one per controller on v1), so every process of a container
 * can be listed, killed and accounted. {@link #detect()} picks the version in charge on this host.
 */
public interface Cgroups {
    Pattern SAFE_RELATIVE = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");

    /** What a container gets mounted read-only at /sys/fs/cgroup (inside its cgroup namespace). */
    List<io.berth.runtime.init.InitConfig.CgroupFs> containerView();

    /** "v1" or "v2". */
    String version();

    /** Creates the cgroup (and its parents) and writes the limits. */
    void create(String relative, CgroupLimits limits);

    boolean exists(String relative);

    /** The directory that stands for the cgroup in logs and state (v2: the cgroup; v1: pids or first). */
    Path primaryPath(String relative);

    /**
     * The directory holding {@code controller}'s files for the cgroup (v2: the one directory; v1: the
     * controller's hierarchy, "cpuacct", "memory", "blkio", "pids"); empty when that controller is not mounted.
     */
    java.util.Optional<Path> controllerDirectory(String relative, String controller);

    /** Every cgroup.procs file a process writes "0" to in order to join the container's cgroup. */
    List<Path> procsFiles(String relative);

    /** PIDs (host namespace) of every process in the cgroup. */
    List<Long> processes(String relative);

    /** Moves a process (all its threads) into the cgroup. */
    default void moveProcess(String relative, long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("not a process id: " + pid + " (0 would move the caller itself)");
        }
        for (Path procs : procsFiles(relative)) {
            CgroupFiles.write(procs, Long.toString(pid));
        }
    }

    /**
     * How many processes the kernel's OOM killer killed in the cgroup (for the OOM-killed flag):
     * read it before {@link #remove}. 0 when the memory controller is not there.
     */
    long oomKills(String relative);

    /**
     * Freezes (pause) or thaws (unpause) every process of the cgroup: v1's freezer controller, v2's
     * cgroup.freeze. Returns once the kernel reports the cgroup frozen; fails when it would not settle.
     */
    void setFrozen(String relative, boolean frozen);

    /** SIGKILLs every process of the cgroup, including ones forking meanwhile. Never this JVM. */
    void killAll(String relative);

    /** Kills what is left, waits for it to go, and removes the cgroup. Idempotent. */
    void remove(String relative, Duration timeout);

    /** The version in charge on this host: v1 when v1 controllers are mounted, else cgroup2. */
    static Cgroups detect() {
        List<CgroupMounts.Mount> mounts = CgroupMounts.read();
        List<CgroupMounts.Mount> v1 = new ArrayList<>();
        Path v2 = null;
        for (CgroupMounts.Mount mount : mounts) {
            if (mount.version2()) {
                if (v2 == null || mount.mountPoint().equals(Path.of("/sys/fs/cgroup"))) {
                    v2 = mount.mountPoint();
                }
            } else if (!mount.controllers().isEmpty()) {
                v1.add(mount);
            }
        }
        if (!v1.isEmpty()) {
            return new CgroupV1(v1);
        }
        if (v2 != null) {
            return new CgroupV2(v2);
        }
        throw new IllegalStateException("no cgroup hierarchy is mounted (/proc/self/mountinfo lists none)");
    }

    /** cgroup v2 at a given mount point (/sys/fs/cgroup, or /sys/fs/cgroup/unified on hybrid hosts). */
    static Cgroups v2At(Path mountPoint) {
        return new CgroupV2(mountPoint);
    }

    static void checkRelative(String relative) {
        if (!SAFE_RELATIVE.matcher(relative).matches() || relative.contains("..")) {
            throw new IllegalArgumentException("not a container cgroup path (parent/name): " + relative);
        }
    }

    /** Reads and writes of cgroup files with errors that name the file and the value. */
    final class CgroupFiles {
        /** PID_MAX_LIMIT on 64-bit Linux: pids.max refuses anything above it (EINVAL). */
        static final long PID_MAX_LIMIT = 4L * 1024 * 1024;

        private CgroupFiles() {
        }

        /**
         * What pids.max gets for a pids_limit: "max" for 0 or less (Docker's "no limit"), and for a
         * limit above the most PIDs Linux can have, which limits nothing (the write would fail the start).
         */
        static String pidsMax(long limit) {
            return limit <= 0 || limit > PID_MAX_LIMIT ? "max" : Long.toString(limit);
        }

        static void write(Path file, String value) {
            try {
                Files.writeString(file, value);
            } catch (IOException e) {
                throw new UncheckedIOException("write \"" + value + "\" to " + file + ": " + e.getMessage(), e);
            }
        }

        static String read(Path file) {
            try {
                // not Files.readString: kernfs and sysctl files report size 0 and may come back short
                try (java.io.InputStream in = Files.newInputStream(file)) {
                    return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("read " + file + ": " + e.getMessage(), e);
            }
        }

        /** The value of "name N" in a flat-keyed cgroup file (memory.events, memory.oom_control). */
        static long counter(String content, String name) {
            for (String line : content.split("\n")) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length == 2 && fields[0].equals(name)) {
                    return Long.parseLong(fields[1]);
                }
            }
            return 0;
        }

        static List<Long> pids(Path procsFile) {
            List<Long> pids = new ArrayList<>();
            if (!Files.exists(procsFile)) {
                return pids;
            }
            for (String line : read(procsFile).split("\n")) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.trim()));
                }
            }
            return pids;
        }

        /** rmdir, retried while the kernel still counts exiting processes (EBUSY). */
        static void removeDirectory(Path directory, Duration timeout, Runnable killAll) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (Files.exists(directory)) {
                try {
                    Files.delete(directory);
                    return;
                } catch (java.nio.file.NoSuchFileException gone) {
                    return;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw new UncheckedIOException("remove cgroup " + directory + ": " + e.getMessage(), e);
                    }
                    killAll.run();
                    sleep(Duration.ofMillis(10));
                }
            }
        }

        /**
         * Runs {@code create} again when the shared parent ("berth") was removed between its
         * mkdir and the child's, by the cleanup of the last other container.
         */
        static void retryWhileParentVanishes(Runnable create) {
            for (int attempt = 1; ; attempt++) {
                try {
                    create.run();
                    return;
                } catch (UncheckedIOException e) {
                    if (attempt >= 5 || !(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                        throw e;
                    }
                }
            }
        }

        static void sleep(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
