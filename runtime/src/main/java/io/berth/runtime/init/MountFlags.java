package io.berth.runtime.init;

import io.berth.runtime.linux.Mounts;
import java.util.List;

/** mount(8) option words to mount(2) flags. */
final class MountFlags {
    private MountFlags() {
    }

    /** ro, nosuid, nodev, noexec, noatime, strictatime, relatime; other words are ignored here. */
    static long flags(List<String> words) {
        long flags = 0;
        for (String word : words) {
            flags |= switch (word) {
                case "ro" -> Mounts.MS_RDONLY;
                case "nosuid" -> Mounts.MS_NOSUID;
                case "nodev" -> Mounts.MS_NODEV;
                case "noexec" -> Mounts.MS_NOEXEC;
                case "noatime" -> Mounts.MS_NOATIME;
                case "nodiratime" -> Mounts.MS_NODIRATIME;
                case "strictatime" -> Mounts.MS_STRICTATIME;
                case "relatime" -> Mounts.MS_RELATIME;
                default -> 0L;
            };
        }
        return flags;
    }

    /** private, rprivate, slave, rslave, shared, rshared; 0 when none is given. */
    static long propagation(List<String> words) {
        for (String word : words) {
            long recursive = word.startsWith("r") && !word.equals("ro") ? Mounts.MS_REC : 0;
            switch (recursive != 0 ? word.substring(1) : word) {
                case "private" -> {
                    return Mounts.MS_PRIVATE | recursive;
                }
                case "slave" -> {
                    return Mounts.MS_SLAVE | recursive;
                }
                case "shared" -> {
                    return Mounts.MS_SHARED | recursive;
                }
                default -> {
                }
            }
        }
        return 0;
    }
}
