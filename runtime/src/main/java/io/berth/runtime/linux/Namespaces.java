package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;

/**
 * unshare and setns. Both act on the calling thread only: Berth calls them from a dedicated,
 * throwaway thread so the rest of the JVM stays in the host's namespaces.
 */
public final class Namespaces {
    public static final int CLONE_FS = 0x00000200;
    public static final int CLONE_NEWNS = 0x00020000;
    public static final int CLONE_NEWCGROUP = 0x02000000;
    public static final int CLONE_NEWUTS = 0x04000000;
    public static final int CLONE_NEWIPC = 0x08000000;
    public static final int CLONE_NEWUSER = 0x10000000;
    public static final int CLONE_NEWPID = 0x20000000;
    public static final int CLONE_NEWNET = 0x40000000;

    private Namespaces() {
    }

    public static void unshare(int flags) {
        try {
            LibC.unshare(flags);
        } catch (LastErrorException e) {
            throw LinuxException.of("unshare", "flags 0x" + Integer.toHexString(flags), e);
        }
    }

    /** Joins the namespace open at {@code fd} ({@code what} names it in errors, e.g. /proc/42/ns/net). */
    public static void setns(int fd, int type, String what) {
        try {
            LibC.setns(fd, type);
        } catch (LastErrorException e) {
            throw LinuxException.of("setns", what, e);
        }
    }

    /** Opens /proc/PID/ns/NAME (or any nsfs path) for {@link #setns}. */
    public static int open(String nsPath) {
        return FdCalls.open(nsPath, FdCalls.O_RDONLY, 0);
    }
}
