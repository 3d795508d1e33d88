package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * File descriptors as plain ints: open, pipes (and the wake-up pipes of poll loops), memfds, poll,
 * reads and writes that retry on EINTR.
 */
public final class FdCalls {
    public static final int O_RDONLY = 0;
    private static final int SYNC_FILE_RANGE_WRITE = 2;
    public static final int O_WRONLY = 01;
    public static final int O_RDWR = 02;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_PATH = 010000000;
    private static final int POLLIN = 0x1;
    private static final int FALLOC_FL_KEEP_SIZE = 0x01;
    private static final int FALLOC_FL_PUNCH_HOLE = 0x02;

    private FdCalls() {
    }

    public static int open(String path, int flags, int mode) {
        try {
            return LibC.open(path, flags | O_CLOEXEC, mode);
        } catch (LastErrorException e) {
            throw LinuxException.of("open", path, e);
        }
    }

    /** Closes, ignoring a descriptor that is already closed or negative. */
    public static void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            LibC.close(fd);
        } catch (LastErrorException ignored) {
            // EBADF or EINTR: on Linux the descriptor is released either way
        }
    }

    /** fchown; -1 leaves that id as it is. */
    public static void chown(int fd, int uid, int gid) {
        try {
            LibC.fchown(fd, uid, gid);
        } catch (LastErrorException e) {
            throw LinuxException.of("fchown", "fd " + fd + " to " + uid + ":" + gid, e);
        }
    }

    /** A pipe, both ends CLOEXEC: {read, write}. */
    public static int[] pipe() {
        int[] fds = new int[2];
        try {
            LibC.pipe2(fds, O_CLOEXEC);
            return fds;
        } catch (LastErrorException e) {
            throw LinuxException.of("pipe2", null, e);
        }
    }

    /** A pipe, both ends CLOEXEC and non-blocking: {read, write}; the wake-up pipe of a poll loop. */
    public static int[] nonBlockingPipe() {
        int[] fds = new int[2];
        try {
            LibC.pipe2(fds, O_CLOEXEC | O_NONBLOCK);
            return fds;
        } catch (LastErrorException e) {
            throw LinuxException.of("pipe2", null, e);
        }
    }

    /** Writes one byte to a wake-up pipe; a full pipe already wakes its poller, so that is no error. */
    public static void wake(int fd) {
        try {
            LibC.write(fd, new byte[] {1}, 1);
        } catch (LastErrorException ignored) {
            // EAGAIN: the pipe is full, its reader wakes anyway
        }
    }

    /** Reads a non-blocking descriptor until it has nothing more (EAGAIN). */
    public static void drain(int fd) {
        byte[] buffer = new byte[256];
        try {
            while (LibC.read(fd, buffer, buffer.length) > 0) {
                // keep reading until EAGAIN
            }
        } catch (LastErrorException ignored) {
            // EAGAIN: drained
        }
    }

    /**
     * poll(2) for POLLIN on each fd: the indexes (into {@code fds}) that are readable or hung up
     * within {@code timeoutMillis} (-1: no limit); none when interrupted (EINTR).
     */
    public static List<Integer> pollReadable(int[] fds, int timeoutMillis) {
        int[] pollFds = new int[2 * Math.max(1, fds.length)]; // struct pollfd: {fd, events | revents << 16}
        for (int i = 0; i < fds.length; i++) {
            pollFds[2 * i] = fds[i];
            pollFds[2 * i + 1] = POLLIN;
        }
        try {
            if (LibCProcess.poll(pollFds, fds.length, timeoutMillis) <= 0) {
                return List.of();
            }
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ErrnoNames.EINTR) {
                return List.of();
            }
            throw LinuxException.of("poll", fds.length + " fds", e);
        }
        List<Integer> readable = new ArrayList<>();
        for (int i = 0; i < fds.length; i++) {
            if ((pollFds[2 * i + 1] >>> 16) != 0) {
                readable.add(i);
            }
        }
        return readable;
    }

    /**
     * Frees the disk blocks of [offset, offset + length) of a file, keeping its size (log data
     * already consumed). Best effort: not every filesystem can punch holes; the data then stays,
     * which costs only space.
     */
    public static void punchHole(Path file, long offset, long length) {
        int fd = -1;
        try {
            fd = LibC.open(file.toString(), O_WRONLY | O_CLOEXEC, 0);
            LibC.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length);
        } catch (LastErrorException e) {
            // EOPNOTSUPP and the like: the data stays
        } finally {
            closeQuietly(fd);
        }
    }

    /**
     * Starts the disk writes of [offset, offset + length) of the file open on {@code fd}
     * (sync_file_range, SYNC_FILE_RANGE_WRITE) and returns at once: a large file written so as it
     * grows leaves its closing fsync little to wait for. Best effort: any failure is ignored (the
     * fsync still makes the file durable).
     */
    public static void startWriteback(int fd, long offset, long length) {
        try {
            LibC.sync_file_range(fd, offset, length, SYNC_FILE_RANGE_WRITE);
        } catch (LastErrorException e) {
            // ESPIPE, EINVAL on odd filesystems: the fsync does all the work then
        }
    }

    /** An anonymous in-memory file (CLOEXEC) holding {@code content}, positioned at its start. */
    public static int memfdWith(String name, byte[] content) {
        int fd;
        try {
            fd = LibC.memfd_create(name, 1 /* MFD_CLOEXEC */);
        } catch (LastErrorException e) {
            throw LinuxException.of("memfd_create", name, e);
        }
        writeAll(fd, content);
        try {
            LibC.lseek(fd, 0, 0 /* SEEK_SET */);
        } catch (LastErrorException e) {
            throw LinuxException.of("lseek", name, e);
        }
        return fd;
    }

    /**
     * An anonymous in-memory file (CLOEXEC) holding {@code content}, sealed against any change
     * (write, grow, shrink, further seals): what it holds stays exactly what was written.
     */
    public static int sealedMemfdWith(String name, byte[] content) {
        int fd;
        try {
            fd = LibC.memfd_create(name, 1 /* MFD_CLOEXEC */ | 2 /* MFD_ALLOW_SEALING */);
        } catch (LastErrorException e) {
            throw LinuxException.of("memfd_create", name, e);
        }
        try {
            writeAll(fd, content);
            // F_ADD_SEALS: F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE
            LibC.fcntl(fd, 1033, 1 | 2 | 4 | 8);
            return fd;
        } catch (LastErrorException e) {
            closeQuietly(fd);
            throw LinuxException.of("fcntl", "F_ADD_SEALS " + name, e);
        } catch (RuntimeException e) {
            closeQuietly(fd);
            throw e;
        }
    }

    public static void writeAll(int fd, byte[] content) {
        int offset = 0;
        while (offset < content.length) {
            byte[] chunk = offset == 0 ? content : java.util.Arrays.copyOfRange(content, offset, content.length);
            try {
                offset += (int) LibC.write(fd, chunk, chunk.length);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != ErrnoNames.EINTR) {
                    throw LinuxException.of("write", "fd " + fd, e);
                }
            }
        }
    }

    public static void writeAll(int fd, String text) {
        writeAll(fd, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Up to {@code max} bytes; 0 bytes means end of file. */
    public static byte[] read(int fd, int max) {
        byte[] buffer = new byte[max];
        while (true) {
            try {
                long count = LibC.read(fd, buffer, max);
                return java.util.Arrays.copyOf(buffer, (int) count);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != ErrnoNames.EINTR) {
                    throw LinuxException.of("read", "fd " + fd, e);
                }
            }
        }
    }

    /** Everything until end of file (every writer closed). */
    public static byte[] readToEnd(int fd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            byte[] chunk = read(fd, 8192);
            if (chunk.length == 0) {
                return out.toByteArray();
            }
            out.writeBytes(chunk);
        }
    }

    /** Reads up to and including the first newline (or end of file); without the newline. */
    public static String readLine(int fd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            byte[] one = read(fd, 1);
            if (one.length == 0 || one[0] == '\n') {
                return out.toString(StandardCharsets.UTF_8);
            }
            out.write(one[0]);
        }
    }
}
