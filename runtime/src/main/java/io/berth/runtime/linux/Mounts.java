package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;

/**
 * mount, umount2 and pivot_root. Changing mounts outside a private mount namespace changes the
 * host: Berth calls these for overlays and volumes only; what is mounted inside a container is
 * mounted by its init stage (berth-init, in the container's own namespace).
 */
public final class Mounts {
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_REMOUNT = 32;
    public static final long MS_NOATIME = 1024;
    public static final long MS_NODIRATIME = 2048;
    public static final long MS_BIND = 4096;
    public static final long MS_MOVE = 8192;
    public static final long MS_REC = 16384;
    public static final long MS_PRIVATE = 1 << 18;
    public static final long MS_SLAVE = 1 << 19;
    public static final long MS_SHARED = 1 << 20;
    public static final long MS_RELATIME = 1 << 21;
    public static final long MS_STRICTATIME = 1 << 24;
    public static final int MNT_FORCE = 1;
    public static final int MNT_DETACH = 2;

    private Mounts() {
    }

    /**
     * @param target      the path handed to the kernel (possibly /proc/self/fd/N)
     * @param shownTarget the path as people know it, for errors
     */
    public static void mount(String source, String target, String type, long flags, String data, String shownTarget) {
        try {
            LibC.mount(source, target, type, flags, data);
        } catch (LastErrorException e) {
            throw LinuxException.of("mount", (type == null ? "" : type + " ") + shownTarget, e);
        }
    }

    public static void mount(String source, String target, String type, long flags, String data) {
        mount(source, target, type, flags, data, target);
    }

    public static void umount(String target, int flags) {
        try {
            LibC.umount2(target, flags);
        } catch (LastErrorException e) {
            throw LinuxException.of("umount2", target, e);
        }
    }

    /** umount2, treating "not mounted" (EINVAL) and "gone" (ENOENT) as done; false then. */
    public static boolean umountIfMounted(String target, int flags) {
        try {
            LibC.umount2(target, flags);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ErrnoNames.EINVAL || e.getErrorCode() == ErrnoNames.ENOENT) {
                return false;
            }
            throw LinuxException.of("umount2", target, e);
        }
    }

    public static void chdir(String path) {
        try {
            LibC.chdir(path);
        } catch (LastErrorException e) {
            throw LinuxException.of("chdir", path, e);
        }
    }
}
