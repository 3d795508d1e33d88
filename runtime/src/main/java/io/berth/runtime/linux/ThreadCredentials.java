package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * Credentials of the CALLING THREAD only: raw setgroups/setresgid/setresuid syscalls (glibc's
 * wrappers would change every thread of the JVM), capset, the bounding and ambient sets and
 * no_new_privs. What a thread holds is what a process it spawns or execs starts with.
 */
public final class ThreadCredentials {
    private static final int PR_SET_KEEPCAPS = 8;
    private static final int PR_CAPBSET_DROP = 24;
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int PR_CAP_AMBIENT = 47;
    private static final int PR_CAP_AMBIENT_CLEAR_ALL = 4;
    private static final int CAPABILITY_VERSION_3 = 0x20080522;

    private ThreadCredentials() {
    }

    public static void setGroups(int[] gids) {
        Memory list = new Memory(Math.max(4, 4L * gids.length));
        list.write(0, gids, 0, gids.length);
        try {
            LibC.syscall(Syscalls.SETGROUPS, gids.length, list);
        } catch (LastErrorException e) {
            throw LinuxException.of("setgroups", java.util.Arrays.toString(gids), e);
        }
    }

    public static void setGid(int gid) {
        try {
            LibC.syscall(Syscalls.SETRESGID, gid, gid, gid);
        } catch (LastErrorException e) {
            throw LinuxException.of("setresgid", Integer.toString(gid), e);
        }
    }

    /** Keeps the permitted set across the switch away from uid 0 (capabilities are set after). */
    public static void setUid(int uid) {
        prctl("PR_SET_KEEPCAPS", PR_SET_KEEPCAPS, 1, 0);
        try {
            LibC.syscall(Syscalls.SETRESUID, uid, uid, uid);
        } catch (LastErrorException e) {
            throw LinuxException.of("setresuid", Integer.toString(uid), e);
        }
    }

    /** Drops from the bounding set every capability not in {@code keep} (needs CAP_SETPCAP). */
    public static void limitBoundingSet(long keep) {
        int last = Capabilities.lastCapability();
        for (int cap = 0; cap <= last; cap++) {
            if ((keep & (1L << cap)) == 0) {
                prctl("PR_CAPBSET_DROP " + cap, PR_CAPBSET_DROP, cap, 0);
            }
        }
    }

    public static void clearAmbient() {
        prctl("PR_CAP_AMBIENT_CLEAR_ALL", PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0);
    }

    public static void setNoNewPrivileges() {
        prctl("PR_SET_NO_NEW_PRIVS", PR_SET_NO_NEW_PRIVS, 1, 0);
    }

    /** capset for this thread: effective, permitted and inheritable masks. */
    public static void setCapabilities(long effective, long permitted, long inheritable) {
        Memory header = new Memory(8);
        header.setInt(0, CAPABILITY_VERSION_3);
        header.setInt(4, 0);
        Memory data = new Memory(24);
        data.setInt(0, (int) effective);
        data.setInt(4, (int) permitted);
        data.setInt(8, (int) inheritable);
        data.setInt(12, (int) (effective >>> 32));
        data.setInt(16, (int) (permitted >>> 32));
        data.setInt(20, (int) (inheritable >>> 32));
        try {
            LibC.capset(header, data);
        } catch (LastErrorException e) {
            throw LinuxException.of("capset", Capabilities.names(effective).toString(), e);
        }
    }

    /** {effective, permitted, inheritable} of this thread. */
    public static long[] capabilities() {
        Memory header = new Memory(8);
        header.setInt(0, CAPABILITY_VERSION_3);
        header.setInt(4, 0);
        Memory data = new Memory(24);
        try {
            LibC.capget(header, data);
        } catch (LastErrorException e) {
            throw LinuxException.of("capget", null, e);
        }
        return new long[] {
            join(data, 0), join(data, 4), join(data, 8),
        };
    }

    private static long join(Pointer data, int offset) {
        return (data.getInt(offset) & 0xffffffffL) | ((data.getInt(offset + 12) & 0xffffffffL) << 32);
    }

    private static void prctl(String what, int option, long arg2, long arg3) {
        try {
            LibC.prctl(option, arg2, arg3, 0, 0);
        } catch (LastErrorException e) {
            throw LinuxException.of("prctl", what, e);
        }
    }
}
