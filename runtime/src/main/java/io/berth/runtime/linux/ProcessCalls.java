package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Process calls for the launcher, exec and the supervisor: glibc posix_spawn (which, unlike
 * ProcessBuilder, works from a thread that unshared its PID namespace, and never starts a helper
 * thread), waitpid, pidfd_open, poll and kill. Failures throw {@link LinuxException}.
 */
public final class ProcessCalls {
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private static final int WNOHANG = 1;
    private static final long SYS_PIDFD_GETFD = 438; // the same on x86-64 and arm64
    private static final int POLLIN = 0x1;

    private ProcessCalls() {
    }

    /** What the child's file descriptors become before it runs, applied in order. */
    public record FdAction(Kind kind, int fd, int sourceFd, String path, int flags, int mode) {
        public enum Kind { DUP2, OPEN, CLOSE }

        /** The child's {@code fd} becomes a copy of the caller's {@code sourceFd} (without CLOEXEC). */
        public static FdAction dup2(int sourceFd, int fd) {
            return new FdAction(Kind.DUP2, fd, sourceFd, null, 0, 0);
        }

        public static FdAction open(int fd, String path, int flags, int mode) {
            return new FdAction(Kind.OPEN, fd, -1, path, flags, mode);
        }

        public static FdAction close(int fd) {
            return new FdAction(Kind.CLOSE, fd, -1, null, 0, 0);
        }
    }

    /**
     * @param newSession     setsid() in the child (a container's first process, a detached exec)
     * @param workingDir     chdir in the child before exec; null: the caller's
     */
    public record SpawnOptions(List<FdAction> fdActions, boolean newSession, String workingDir) {
        public SpawnOptions {
            fdActions = List.copyOf(fdActions);
        }
    }

    /** An exited (or killed) child, decoded from waitpid's status word. */
    public record ExitStatus(long pid, int exitCode, int signal) {
        static ExitStatus decode(long pid, int status) {
            int low = status & 0x7f;
            return low == 0 ? new ExitStatus(pid, (status >> 8) & 0xff, 0) : new ExitStatus(pid, 128 + low, low);
        }

        /** Exited, but not our child (re-adopted from an earlier supervisor): no one can learn its code. */
        static ExitStatus unknown(long pid) {
            return new ExitStatus(pid, -1, 0);
        }

        public boolean killedBySignal() {
            return signal != 0;
        }

        /** False for {@link #unknown}: the exit code is not knowable. */
        public boolean known() {
            return exitCode >= 0;
        }
    }

    /**
     * Actions that make the child's descriptors {@code firstTarget}, {@code firstTarget + 1}, ...
     * copies of {@code sources}, whatever their numbers: each source is first copied above every
     * source and target, so that no dup2 overwrites a source not yet copied.
     */
    public static List<FdAction> placeAt(int firstTarget, int... sources) {
        int spare = firstTarget + sources.length - 1;
        for (int source : sources) {
            spare = Math.max(spare, source);
        }
        spare++;
        List<FdAction> actions = new java.util.ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            actions.add(FdAction.dup2(sources[i], spare + i));
        }
        for (int i = 0; i < sources.length; i++) {
            actions.add(FdAction.dup2(spare + i, firstTarget + i));
            actions.add(FdAction.close(spare + i));
        }
        return actions;
    }

    /**
     * Starts {@code path} (no PATH search) with argv and env as given; every signal back to its
     * default disposition and none blocked; no descriptor but those the actions name (and 0-2).
     * Returns the child's PID as the caller sees it.
     */
    public static long spawn(String path, List<String> argv, List<String> env, SpawnOptions options) {
        return PosixSpawn.spawn(path, argv, env, options);
    }

    /** Blocks until the child exits (retrying on EINTR). */
    public static ExitStatus waitFor(long pid) {
        requireProcess(pid, "waitpid");
        int[] status = new int[1];
        while (true) {
            try {
                LibCProcess.waitpid((int) pid, status, 0);
                return ExitStatus.decode(pid, status[0]);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != ErrnoNames.EINTR) {
                    throw LinuxException.of("waitpid", Long.toString(pid), e);
                }
            }
        }
    }

    /** The child's exit if it has exited (reaping it), else empty. */
    public static Optional<ExitStatus> poll(long pid) {
        return waitNoHang(pid, false);
    }

    /**
     * Like {@link #poll}, for a process that may not be our child: an exit that is not
     * {@link ExitStatus#known()} when waitpid says it is not (ECHILD), as for a container re-adopted
     * from an earlier supervisor (now a child of init).
     */
    public static Optional<ExitStatus> pollMaybeChild(long pid) {
        return waitNoHang(pid, true);
    }

    private static Optional<ExitStatus> waitNoHang(long pid, boolean maybeNotOurChild) {
        requireProcess(pid, "waitpid");
        int[] status = new int[1];
        try {
            int reaped = LibCProcess.waitpid((int) pid, status, WNOHANG);
            return reaped == 0 ? Optional.empty() : Optional.of(ExitStatus.decode(pid, status[0]));
        } catch (LastErrorException e) {
            if (maybeNotOurChild && e.getErrorCode() == ErrnoNames.ECHILD) {
                return Optional.of(ExitStatus.unknown(pid));
            }
            throw LinuxException.of("waitpid", Long.toString(pid), e);
        }
    }

    /** A file descriptor (CLOEXEC) that becomes readable when the process exits; survives PID reuse. */
    public static int pidfdOpen(long pid) {
        return pidfdOpen(pid, false);
    }

    /** {@link #pidfdOpen}, but -1 when the process is already gone (ESRCH). */
    public static int pidfdOpenIfAlive(long pid) {
        return pidfdOpen(pid, true);
    }

    private static int pidfdOpen(long pid, boolean goneIsNoError) {
        requireProcess(pid, "pidfd_open");
        try {
            return LibCProcess.pidfd_open((int) pid, 0);
        } catch (LastErrorException e) {
            if (goneIsNoError && e.getErrorCode() == ErrnoNames.ESRCH) {
                return -1;
            }
            throw LinuxException.of("pidfd_open", Long.toString(pid), e);
        }
    }

    /**
     * A copy (CLOEXEC) of another process's descriptor {@code targetFd}, through its pidfd
     * (pidfd_getfd, Linux 5.6; as a raw syscall, glibc has the wrapper only since 2.36).
     */
    public static int pidfdGetfd(int pidfd, int targetFd) {
        try {
            return (int) LibC.syscall(SYS_PIDFD_GETFD, pidfd, targetFd, 0);
        } catch (LastErrorException e) {
            throw LinuxException.of("pidfd_getfd", "fd " + targetFd + " of pidfd " + pidfd, e);
        }
    }

    /** Signals through a pidfd: never hits a recycled PID. */
    public static void pidfdSignal(int pidfd, int signal) {
        try {
            LibCProcess.pidfd_send_signal(pidfd, signal, Pointer.NULL, 0);
        } catch (LastErrorException e) {
            throw LinuxException.of("pidfd_send_signal", "pidfd " + pidfd, e);
        }
    }

    /** Waits up to {@code timeout} (null: forever) for {@code fd} to become readable. */
    public static boolean awaitReadable(int fd, Duration timeout) {
        int[] pollFd = {fd, POLLIN};
        int millis = timeout == null ? -1 : (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        while (true) {
            try {
                return LibCProcess.poll(pollFd, 1, millis) > 0;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != ErrnoNames.EINTR) {
                    throw LinuxException.of("poll", "fd " + fd, e);
                }
            }
        }
    }

    public static void kill(long pid, int signal) {
        signal(pid, signal, false);
    }

    /** kill, but a process that is already gone (ESRCH) is not an error: returns false. */
    public static boolean killIfAlive(long pid, int signal) {
        return signal(pid, signal, true);
    }

    private static boolean signal(long pid, int signal, boolean goneIsNoError) {
        requireProcess(pid, "kill");
        try {
            LibCProcess.kill((int) pid, signal);
            return true;
        } catch (LastErrorException e) {
            if (goneIsNoError && e.getErrorCode() == ErrnoNames.ESRCH) {
                return false;
            }
            throw LinuxException.of("kill", "pid " + pid + " signal " + signal, e);
        }
    }

    /** 0 and negative PIDs mean process groups or "any child" to the kernel: never what Berth means. */
    private static void requireProcess(long pid, String call) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(call + ": not a single process id: " + pid);
        }
    }
}
