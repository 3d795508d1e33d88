package io.berth.runtime.linux;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Capability names and bit masks (linux/capability.h): Berth's one table of capability names. The
 * C init stage has none; it is given bit numbers ({@link #numbers}), see docs/runtime-layout.md.
 */
public final class Capabilities {
    private static final String[] NAMES = {
        "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID",
        "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW",
        "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT",
        "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD",
        "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG",
        "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF", "CHECKPOINT_RESTORE",
    };

    /** Docker's default set: with it, a root process shows CapEff 00000000a80425fb. */
    public static final List<String> DOCKER_DEFAULTS = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private Capabilities() {
    }

    /** "CAP_CHOWN", "chown" or "ALL" to its bit number(s); unknown names are an error. */
    public static long mask(Collection<String> names) {
        long mask = 0;
        for (String name : names) {
            String upper = name.toUpperCase(Locale.ROOT);
            String bare = upper.startsWith("CAP_") ? upper.substring(4) : upper;
            if (bare.equals("ALL")) {
                mask |= allMask();
                continue;
            }
            int number = List.of(NAMES).indexOf(bare);
            if (number < 0) {
                throw new IllegalArgumentException("unknown capability: " + name);
            }
            mask |= 1L << number;
        }
        return mask;
    }

    /** The bit numbers of the names ("ALL" included), ascending: what the C init stage is given. */
    public static List<Integer> numbers(Collection<String> names) {
        long mask = mask(names);
        List<Integer> numbers = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((mask & (1L << bit)) != 0) {
                numbers.add(bit);
            }
        }
        return numbers;
    }

    /**
     * Every capability this table names that this process can give (its bounding set), CAP_CHOWN
     * first: what privileged and cap_add ALL mean. A host whose bounding set lacks one (a VM or an
     * outer container without CAP_SYS_RESOURCE) would otherwise refuse every privileged container
     * at capset with EPERM.
     */
    public static List<String> all() {
        return names(allMask());
    }

    /** The name of bit {@code number} ("CAP_KILL"), or the number itself for a bit this table does not name. */
    public static String name(int number) {
        return number >= 0 && number < NAMES.length ? "CAP_" + NAMES[number] : Integer.toString(number);
    }

    public static List<String> names(long mask) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < NAMES.length; bit++) {
            if ((mask & (1L << bit)) != 0) {
                names.add("CAP_" + NAMES[bit]);
            }
        }
        return names;
    }

    /** The highest capability this kernel knows (/proc/sys/kernel/cap_last_cap). */
    public static int lastCapability() {
        try {
            return Integer.parseInt(readProc("/proc/sys/kernel/cap_last_cap").trim());
        } catch (LinuxException | NumberFormatException e) {
            return NAMES.length - 1;
        }
    }

    /** A /proc file read to its end with read(2): /proc files report a size of 0. */
    private static String readProc(String path) {
        int fd = FdCalls.open(path, FdCalls.O_RDONLY, 0);
        try {
            return new String(FdCalls.readToEnd(fd), java.nio.charset.StandardCharsets.US_ASCII);
        } finally {
            FdCalls.closeQuietly(fd);
        }
    }

    /** The capabilities this kernel knows and this process's bounding set holds. */
    public static long allMask() {
        int last = lastCapability();
        return (last >= 63 ? -1L : (1L << (last + 1)) - 1) & boundingSet();
    }

    /** CapBnd of /proc/self/status; every bit when it cannot be read. */
    static long boundingSet() {
        try {
            for (String line : readProc("/proc/self/status").split("\n")) {
                if (line.startsWith("CapBnd:")) {
                    return Long.parseUnsignedLong(line.substring("CapBnd:".length()).trim(), 16);
                }
            }
            return -1L;
        } catch (LinuxException | NumberFormatException e) {
            return -1L;
        }
    }
}
