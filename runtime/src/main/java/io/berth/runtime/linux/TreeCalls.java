package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The calls {@code berth cp} makes on a tree it walks by descriptors: stat of an O_PATH descriptor,
 * and creating, removing and changing entries by name under a directory descriptor, never through
 * a final symlink. Every failure names the call and the path as people know it.
 */
public final class TreeCalls {
    public static final int AT_REMOVEDIR = 0x200;
    private static final int STATX_BASIC = 0x7ff;

    private TreeCalls() {
    }

    /** What statx says of an entry; {@code type()} is {@code mode & S_IFMT}. */
    public record Stat(int mode, int uid, int gid, long size, long mtimeSeconds, int mtimeNanos) {
        public int type() {
            return mode & PathCalls.S_IFMT;
        }
    }

    /** The entry {@code fd} refers to (a symlink itself when it was opened O_PATH|O_NOFOLLOW). */
    public static Stat stat(int fd, String shown) {
        byte[] statx = new byte[256];
        try {
            LibC.statx(fd, "", PathCalls.AT_EMPTY_PATH | PathCalls.AT_SYMLINK_NOFOLLOW, STATX_BASIC, statx);
        } catch (LastErrorException e) {
            throw LinuxException.of("statx", shown, e);
        }
        return new Stat(u16(statx, 28), (int) u32(statx, 20), (int) u32(statx, 24), u64(statx, 40),
                u64(statx, 112), (int) u32(statx, 120));
    }

    /** The names in the directory open at {@code dirFd}, sorted. */
    public static List<String> list(int dirFd, String shown) {
        try (Stream<Path> entries = Files.list(Path.of(SecureJoin.procPath(dirFd)))) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("list " + shown + ": " + e.getMessage(), e);
        }
    }

    public static void symlinkat(String target, int dirFd, String name, String shown) {
        try {
            LibC.symlinkat(target, dirFd, name);
        } catch (LastErrorException e) {
            throw LinuxException.of("symlinkat", shown, e);
        }
    }

    /** unlinkat; {@code directory} removes an empty directory. */
    public static void unlinkat(int dirFd, String name, boolean directory, String shown) {
        try {
            LibC.unlinkat(dirFd, name, directory ? AT_REMOVEDIR : 0);
        } catch (LastErrorException e) {
            throw LinuxException.of("unlinkat", shown, e);
        }
    }

    /** The owner of {@code name} under {@code dirFd}, of a symlink itself. */
    public static void chownAt(int dirFd, String name, int uid, int gid, String shown) {
        try {
            LibC.fchownat(dirFd, name, uid, gid, PathCalls.AT_SYMLINK_NOFOLLOW);
        } catch (LastErrorException e) {
            throw LinuxException.of("fchownat", shown + " to " + uid + ":" + gid, e);
        }
    }

    /** fchmod of an open (not O_PATH) descriptor: all 07777 bits, setuid included. */
    public static void chmod(int fd, int mode, String shown) {
        try {
            LibC.fchmod(fd, mode & 07777);
        } catch (LastErrorException e) {
            throw LinuxException.of("fchmod", shown, e);
        }
    }

    /** atime and mtime of {@code name} under {@code dirFd}, of a symlink itself. */
    public static void setTimes(int dirFd, String name, long seconds, int nanos, String shown) {
        long[] times = {seconds, nanos, seconds, nanos};
        try {
            LibC.utimensat(dirFd, name, times, PathCalls.AT_SYMLINK_NOFOLLOW);
        } catch (LastErrorException e) {
            throw LinuxException.of("utimensat", shown, e);
        }
    }

    private static int u16(byte[] buffer, int offset) {
        return (buffer[offset] & 0xff) | ((buffer[offset + 1] & 0xff) << 8);
    }

    private static long u32(byte[] buffer, int offset) {
        return (u16(buffer, offset) | ((long) u16(buffer, offset + 2) << 16)) & 0xffffffffL;
    }

    private static long u64(byte[] buffer, int offset) {
        return u32(buffer, offset) | (u32(buffer, offset + 4) << 32);
    }
}
