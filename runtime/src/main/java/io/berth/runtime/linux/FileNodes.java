package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The few file syscalls Java lacks that image layers need: mknod (FIFOs and overlayfs
 * whiteouts) and extended attributes on a path without following a final symlink (the
 * {@code trusted.} namespace, which Java's UserDefinedFileAttributeView cannot reach).
 * Errors come out as IOException naming the call, the path and the errno's text.
 */
public final class FileNodes {
    public static final int S_IFIFO = 0010000;
    public static final int S_IFCHR = 0020000;
    private static final int ENODATA = 61;
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    /**
     * Direct mapping (static natives): an image's unpack makes a few calls per entry, and the
     * interface mapping's reflection per call showed in its profile.
     */
    private static final class CLib {
        static {
            Native.register(CLib.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        static native int mknod(String path, int mode, long dev) throws LastErrorException;

        static native int lsetxattr(String path, String name, byte[] value, long size, int flags)
                throws LastErrorException;

        static native long lgetxattr(String path, String name, byte[] value, long size) throws LastErrorException;

        static native int chmod(String path, int mode) throws LastErrorException;

        static native int lchown(String path, int owner, int group) throws LastErrorException;

        static native int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;

        static native String strerror(int errno);
    }

    private FileNodes() {
    }

    /** mknod(2): {@code type} is S_IFIFO or S_IFCHR, {@code mode} the permission bits. */
    public static void mknod(Path path, int type, int mode, int major, int minor) throws IOException {
        long dev = ((long) (major & 0xfffff000) << 32) | ((major & 0xfffL) << 8)
                | ((long) (minor & 0xffffff00) << 12) | (minor & 0xffL);
        try {
            CLib.mknod(path.toString(), type | (mode & 07777), dev);
        } catch (LastErrorException e) {
            throw error("mknod", path, e);
        }
    }

    /** chmod(2) by path: Java's own opens the file first, which blocks on a FIFO and fails on 0/0. */
    public static void chmod(Path path, int mode) throws IOException {
        try {
            CLib.chmod(path.toString(), mode & 07777);
        } catch (LastErrorException e) {
            throw error("chmod", path, e);
        }
    }

    /** lchown(2): owner and group in one call, never through a final symlink. */
    public static void lchown(Path path, int owner, int group) throws IOException {
        try {
            CLib.lchown(path.toString(), owner, group);
        } catch (LastErrorException e) {
            throw error("lchown", path, e);
        }
    }

    /**
     * Sets atime and mtime without opening the file and without following a final symlink
     * (opening a FIFO would block, a 0/0 device would fail), by utimensat(AT_SYMLINK_NOFOLLOW).
     */
    public static void lutimes(Path path, java.time.Instant time) throws IOException {
        long[] times = {time.getEpochSecond(), time.getNano(), time.getEpochSecond(), time.getNano()};
        try {
            CLib.utimensat(AT_FDCWD, path.toString(), times, AT_SYMLINK_NOFOLLOW);
        } catch (LastErrorException e) {
            throw error("utimensat", path, e);
        }
    }

    public static void lsetxattr(Path path, String name, byte[] value) throws IOException {
        try {
            CLib.lsetxattr(path.toString(), name, value, value.length, 0);
        } catch (LastErrorException e) {
            throw error("lsetxattr " + name, path, e);
        }
    }

    /** The attribute's value, or null when the file does not have it. */
    public static byte[] lgetxattr(Path path, String name) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            long size = CLib.lgetxattr(path.toString(), name, buffer, buffer.length);
            return java.util.Arrays.copyOf(buffer, (int) size);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENODATA) {
                return null;
            }
            throw error("lgetxattr " + name, path, e);
        }
    }

    public static String lgetxattrString(Path path, String name) throws IOException {
        byte[] value = lgetxattr(path, name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static IOException error(String call, Path path, LastErrorException e) {
        if (e.getErrorCode() == ErrnoNames.EEXIST) { // as Java's own calls say it: callers catch this one
            return new java.nio.file.FileAlreadyExistsException(path.toString(), null,
                    call + ": " + CLib.strerror(e.getErrorCode()));
        }
        return new IOException(call + " " + path + ": " + CLib.strerror(e.getErrorCode())
                + " (errno " + e.getErrorCode() + ")");
    }
}
