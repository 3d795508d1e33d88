package io.berth.runtime.volume;

import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.linux.LinuxException;
import io.berth.runtime.linux.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker's local driver with {@code driver_opts}: {@code mount -t <type> -o <o> <device> _data}
 * when the first container uses the volume, unmounted after the last. Known flags in {@code o}
 * (bind, rbind, ro, nosuid, ...) become mount flags, the rest the filesystem's data string.
 */
final class LocalDriverMount {
    /** Mount flags parsed out of {@code o}, and the remaining data string. */
    record Options(long flags, String data) {
    }

    private static final Map<String, Long> SET = Map.ofEntries(
            Map.entry("ro", Mounts.MS_RDONLY), Map.entry("nosuid", 2L), Map.entry("nodev", 4L),
            Map.entry("noexec", 8L), Map.entry("sync", 16L), Map.entry("dirsync", 128L),
            Map.entry("noatime", 1024L), Map.entry("nodiratime", 2048L),
            Map.entry("bind", Mounts.MS_BIND),
            Map.entry("rbind", Mounts.MS_BIND | Mounts.MS_REC),
            Map.entry("relatime", 1L << 21), Map.entry("strictatime", 1L << 24));
    private static final List<String> NO_OP = List.of("rw", "suid", "dev", "exec", "async", "defaults", "atime", "diratime");

    private LocalDriverMount() {
    }

    static Options parse(String o) {
        long flags = 0;
        List<String> data = new ArrayList<>();
        for (String option : o == null ? new String[0] : o.split(",")) {
            String trimmed = option.strip();
            if (trimmed.isEmpty() || NO_OP.contains(trimmed)) {
                continue;
            }
            Long flag = SET.get(trimmed);
            if (flag != null) {
                flags |= flag;
            } else {
                data.add(trimmed);
            }
        }
        return new Options(flags, String.join(",", data));
    }

    static void mount(VolumeRecord volume, Path data) {
        Map<String, String> opts = volume.driverOptions();
        String device = opts.get("device");
        String type = opts.getOrDefault("type", "none");
        Options options = parse(opts.get("o"));
        if ((options.flags() & Mounts.MS_BIND) != 0 && !Files.exists(Path.of(device))) {
            throw new RuntimeOperationException(Kind.NOT_FOUND, "mount volume " + volume.name()
                    + ": device " + device + " does not exist");
        }
        try {
            Mounts.mount(device, data.toString(), type, options.flags(), options.data().isEmpty() ? null : options.data());
            if ((options.flags() & Mounts.MS_BIND) != 0 && (options.flags() & Mounts.MS_RDONLY) != 0) {
                // A bind mount ignores MS_RDONLY on creation: read-only needs a remount.
                Mounts.mount(device, data.toString(), type, options.flags() | Mounts.MS_REMOUNT, null);
            }
        } catch (LinuxException e) {
            throw new RuntimeOperationException(Kind.FAILED, "mount volume " + volume.name() + " (" + device + "): "
                    + e.getMessage(), e);
        }
    }

    static void unmount(Path data) {
        if (isMountPoint(data)) {
            try {
                Mounts.umount(data.toString(), 0);
            } catch (LinuxException e) {
                throw new RuntimeOperationException(Kind.FAILED, "unmount volume at " + data + ": " + e.getMessage(), e);
            }
        }
    }

    /** Whether {@code dir} is a mount point in this thread's mount namespace. */
    static boolean isMountPoint(Path dir) {
        try {
            String wanted = dir.toAbsolutePath().normalize().toString();
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/mountinfo"))) {
                String[] fields = line.split(" ");
                if (fields.length > 4 && unescape(fields[4]).equals(wanted)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new RuntimeOperationException(Kind.FAILED, "read mountinfo: " + e.getMessage(), e);
        }
    }

    private static String unescape(String field) {
        return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
