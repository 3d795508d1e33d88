package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import java.nio.file.Path;
import java.util.List;

/**
 * The process and fd calls the supervisor and the CLI server use (kill, pidfd_open, waitpid, poll,
 * pipe, fallocate), each turning errno into an exception that names the call. Its kill, pidfd_open
 * and pipe overlap ProcessCalls and FdCalls, with other signatures (kill here says whether the
 * process existed); folding them into those two is still to do (issue 12).
 */
public final class SupervisorLibc {
    public static final int ESRCH = 3;
    public static final int ECHILD = 10;
    public static final int EINTR = 4;
    public static final int WNOHANG = 1;
    public static final short POLLIN = 0x1;
    private static final int SYS_PIDFD_OPEN = 434;
    private static final int FALLOC_FL_KEEP_SIZE = 0x01;
    private static final int FALLOC_FL_PUNCH_HOLE = 0x02;

    interface C extends Library {
        int kill(int pid, int signal) throws LastErrorException;

        long syscall(long number, Object... args) throws LastErrorException;

        int waitpid(int pid, int[] status, int options) throws LastErrorException;

        int poll(Pointer fds, long count, int timeoutMillis) throws LastErrorException;

        int pipe2(int[] fds, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        long read(int fd, byte[] buffer, long count) throws LastErrorException;

        long write(int fd, byte[] buffer, long count) throws LastErrorException;

        int open(String path, int flags, int mode) throws LastErrorException;

        int fallocate(int fd, int mode, long offset, long length) throws LastErrorException;

        int getpid();

        int fcntl(int fd, int command, int argument) throws LastErrorException;
    }

    private static final C C_LIB = Native.load("c", C.class);

    private SupervisorLibc() {
    }

    /** kill(2); false when the process no longer exists (ESRCH). */
    public static boolean kill(long pid, int signal) {
        try {
            C_LIB.kill((int) pid, signal);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ESRCH) {
                return false;
            }
            throw failure("kill(" + pid + ", " + signal + ")", e);
        }
    }

    /** pidfd_open(2); -1 when the process is gone. */
    public static int pidfdOpen(long pid) {
        try {
            return (int) C_LIB.syscall(SYS_PIDFD_OPEN, (int) pid, 0);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ESRCH) {
                return -1;
            }
            throw failure("pidfd_open(" + pid + ")", e);
        }
    }

    /**
     * waitpid(pid, WNOHANG): the raw wait status, {@code null} when the child has not exited,
     * or {@link Integer#MIN_VALUE} when it is not our child (ECHILD: exit status unknowable).
     */
    public static Integer waitNoHang(long pid) {
        int[] status = new int[1];
        try {
            int result = C_LIB.waitpid((int) pid, status, WNOHANG);
            return result == 0 ? null : status[0];
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ECHILD) {
                return Integer.MIN_VALUE;
            }
            throw failure("waitpid(" + pid + ")", e);
        }
    }

    /** Exit code as a shell shows it: the exit status, or 128 + the signal that killed it. */
    public static int exitCodeOf(int waitStatus) {
        int signal = waitStatus & 0x7f;
        return signal == 0 ? (waitStatus >> 8) & 0xff : 128 + signal;
    }

    /** poll(2) for POLLIN on each fd; returns the indexes that are readable (or hung up). */
    public static List<Integer> pollReadable(int[] fds, int timeoutMillis) {
        Memory memory = new Memory(8L * Math.max(1, fds.length));
        for (int i = 0; i < fds.length; i++) {
            memory.setInt(8L * i, fds[i]);
            memory.setShort(8L * i + 4, POLLIN);
            memory.setShort(8L * i + 6, (short) 0);
        }
        try {
            int ready = C_LIB.poll(memory, fds.length, timeoutMillis);
            if (ready <= 0) {
                return List.of();
            }
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EINTR) {
                return List.of();
            }
            throw failure("poll", e);
        }
        java.util.ArrayList<Integer> readable = new java.util.ArrayList<>();
        for (int i = 0; i < fds.length; i++) {
            if (memory.getShort(8L * i + 6) != 0) {
                readable.add(i);
            }
        }
        return readable;
    }

    /** A close-on-exec, non-blocking pipe: [read end, write end]. */
    public static int[] pipe() {
        int[] fds = new int[2];
        C_LIB.pipe2(fds, 0x80000 | 0x800);
        return fds;
    }

    public static void close(int fd) {
        try {
            C_LIB.close(fd);
        } catch (LastErrorException ignored) {
            // closing is best effort; the fd is gone either way
        }
    }

    public static void writeByte(int fd) {
        try {
            C_LIB.write(fd, new byte[] {1}, 1);
        } catch (LastErrorException ignored) {
            // a full wake-up pipe already wakes the poller
        }
    }

    public static void drain(int fd) {
        byte[] buffer = new byte[256];
        try {
            while (C_LIB.read(fd, buffer, buffer.length) > 0) {
                // keep reading until EAGAIN
            }
        } catch (LastErrorException ignored) {
            // EAGAIN: drained
        }
    }

    /** Frees the disk blocks of [offset, offset+length) of a file, keeping its size (log data consumed). */
    public static void punchHole(Path file, long offset, long length) {
        int fd = -1;
        try {
            fd = C_LIB.open(file.toString(), 0x1 | 0x80000, 0);
            C_LIB.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length);
        } catch (LastErrorException e) {
            // not every filesystem can punch holes; the data then stays, which is only space
        } finally {
            if (fd >= 0) {
                close(fd);
            }
        }
    }

    public static long getpid() {
        return C_LIB.getpid();
    }

    static RuntimeOperationException failure(String call, LastErrorException e) {
        return new RuntimeOperationException(Kind.FAILED,
                call + ": " + Errno.describe(e.getErrorCode()), e);
    }
}
