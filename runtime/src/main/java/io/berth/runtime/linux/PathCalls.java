package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import java.nio.charset.StandardCharsets;

/** Calls relative to a directory descriptor (the *at family), for walking a root safely. */
public final class PathCalls {
    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_EMPTY_PATH = 0x1000;
    public static final int S_IFMT = 0170000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFLNK = 0120000;
    private static final int STATX_TYPE_AND_MODE = 0x3;

    private PathCalls() {
    }

    /** openat with O_CLOEXEC added; {@code shown} is the path as people know it, for errors. */
    public static int openat(int dirFd, String name, int flags, int mode, String shown) {
        try {
            return LibC.openat(dirFd, name, flags | FdCalls.O_CLOEXEC, mode);
        } catch (LastErrorException e) {
            throw LinuxException.of("openat", shown, e);
        }
    }

    /** openat that returns -errno instead of throwing, for the walk's expected failures. */
    static int tryOpenat(int dirFd, String name, int flags, int mode) {
        try {
            return LibC.openat(dirFd, name, flags | FdCalls.O_CLOEXEC, mode);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    /** mkdirat; an existing entry is not an error (the caller opens it and checks what it is). */
    public static void mkdirat(int dirFd, String name, int mode, String shown) {
        try {
            LibC.mkdirat(dirFd, name, mode);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != ErrnoNames.EEXIST) {
                throw LinuxException.of("mkdirat", shown, e);
            }
        }
    }

    /** The target of the symlink open (O_PATH|O_NOFOLLOW) at {@code fd}. */
    public static String readlink(int fd, String shown) {
        byte[] buffer = new byte[4096];
        try {
            long length = LibC.readlinkat(fd, "", buffer, buffer.length);
            return new String(buffer, 0, (int) length, StandardCharsets.UTF_8);
        } catch (LastErrorException e) {
            throw LinuxException.of("readlinkat", shown, e);
        }
    }

    /** st_mode of what {@code fd} refers to (statx, the same layout on every architecture). */
    public static int mode(int fd, String shown) {
        byte[] statx = new byte[256];
        try {
            LibC.statx(fd, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, STATX_TYPE_AND_MODE, statx);
        } catch (LastErrorException e) {
            throw LinuxException.of("statx", shown, e);
        }
        return (statx[28] & 0xff) | ((statx[29] & 0xff) << 8);
    }

}
