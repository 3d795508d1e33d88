package io.berth.runtime.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The cgroup hierarchies mounted in this mount namespace, from /proc/self/mountinfo. */
final class CgroupMounts {
    private static final Set<String> KNOWN_V1 = Set.of("cpu", "cpuacct", "cpuset", "memory", "pids", "blkio",
            "devices", "freezer", "net_cls", "net_prio", "hugetlb", "perf_event", "rdma", "misc");

    /** A hierarchy: where it is mounted, and for v1 which controllers it carries. */
    record Mount(Path mountPoint, boolean version2, Set<String> controllers) {
    }

    private CgroupMounts() {
    }

    static List<Mount> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/mountinfo"));
        } catch (IOException e) {
            throw new UncheckedIOException("read /proc/self/mountinfo: " + e.getMessage(), e);
        }
        List<Mount> mounts = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (String line : lines) {
            // ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS
            String[] fields = line.split(" ");
            int separator = List.of(fields).indexOf("-");
            if (separator < 0 || separator + 3 >= fields.length || !fields[3].equals("/")) {
                continue;
            }
            String type = fields[separator + 1];
            Path mountPoint = Path.of(fields[4].replace("\\040", " "));
            if (!seen.add(mountPoint)) {
                continue;
            }
            if (type.equals("cgroup2")) {
                mounts.add(new Mount(mountPoint, true, Set.of()));
            } else if (type.equals("cgroup")) {
                Set<String> controllers = new LinkedHashSet<>();
                for (String option : fields[separator + 3].split(",")) {
                    if (KNOWN_V1.contains(option)) {
                        controllers.add(option);
                    }
                }
                mounts.add(new Mount(mountPoint, false, controllers));
            }
        }
        return mounts;
    }
}
