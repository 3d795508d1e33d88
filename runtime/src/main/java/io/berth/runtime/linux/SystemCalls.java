package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The rest of what a container's init stage calls: names, limits, descriptors, signals, exec. */
public final class SystemCalls {
    private static final List<String> RLIMITS = List.of("CPU", "FSIZE", "DATA", "STACK", "CORE", "RSS",
            "NPROC", "NOFILE", "MEMLOCK", "AS", "LOCKS", "SIGPENDING", "MSGQUEUE", "NICE", "RTPRIO", "RTTIME");
    private static final int CLOSE_RANGE_CLOEXEC = 1 << 2;
    private static final int SIG_SETMASK = 2;

    private SystemCalls() {
    }

    /** Needs a UTS namespace of its own: in the host's, this renames the host. */
    public static void sethostname(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        try {
            LibC.sethostname(bytes, bytes.length);
        } catch (LastErrorException e) {
            throw LinuxException.of("sethostname", name, e);
        }
    }

    public static void setdomainname(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        try {
            LibC.setdomainname(bytes, bytes.length);
        } catch (LastErrorException e) {
            throw LinuxException.of("setdomainname", name, e);
        }
    }

    /** {@code name}: "nofile", "RLIMIT_NOFILE" or "NOFILE"; -1 means unlimited. */
    public static void setrlimit(String name, long soft, long hard) {
        String upper = name.toUpperCase(Locale.ROOT);
        int resource = RLIMITS.indexOf(upper.startsWith("RLIMIT_") ? upper.substring(7) : upper); // no regex: init stage
        if (resource < 0) {
            throw new IllegalArgumentException("unknown rlimit: " + name);
        }
        try {
            LibC.setrlimit(resource, new long[] {soft, hard});
        } catch (LastErrorException e) {
            throw LinuxException.of("setrlimit", name + " " + soft + ":" + hard, e);
        }
    }

    /** Marks every descriptor from {@code first} up close-on-exec: only 0..first-1 reach execve. */
    public static void closeOnExecFrom(int first) {
        try {
            LibC.close_range(first, Integer.MAX_VALUE, CLOSE_RANGE_CLOEXEC);
        } catch (LastErrorException e) {
            throw LinuxException.of("close_range", first + "..", e);
        }
    }

    /** Unblocks every signal for this thread: the signal mask survives execve. */
    public static void unblockAllSignals() {
        Memory empty = new Memory(128);
        LibC.sigemptyset(empty);
        int rc = LibC.pthread_sigmask(SIG_SETMASK, empty, Pointer.NULL);
        if (rc != 0) {
            throw new LinuxException("pthread_sigmask", "SIG_SETMASK", rc);
        }
    }

    public static int umask(int mask) {
        return LibC.umask(mask);
    }

    public static void setsid() {
        try {
            LibC.setsid();
        } catch (LastErrorException e) {
            throw LinuxException.of("setsid", null, e);
        }
    }

    /** Replaces this process; returns only by throwing. */
    public static void execve(String path, List<String> argv, List<String> env) {
        StringArray argvArray = new StringArray(argv.toArray(new String[0]), "UTF-8");
        StringArray envArray = new StringArray(env.toArray(new String[0]), "UTF-8");
        try {
            LibC.execve(path, argvArray, envArray);
        } catch (LastErrorException e) {
            throw LinuxException.of("execve", path, e);
        }
        throw new LinuxException("execve", path, ErrnoNames.EINVAL);
    }

    /** Brings the loopback interface of this thread's network namespace up (SIOCSIFFLAGS). */
    public static void loopbackUp() {
        int socket;
        try {
            socket = LibC.socket(2 /* AF_INET */, 2 /* SOCK_DGRAM */ | 0x80000 /* SOCK_CLOEXEC */, 0);
        } catch (LastErrorException e) {
            throw LinuxException.of("socket", "AF_INET", e);
        }
        try {
            byte[] ifreq = new byte[40];
            ifreq[0] = 'l';
            ifreq[1] = 'o';
            LibC.ioctl(socket, 0x8913 /* SIOCGIFFLAGS */, ifreq);
            int flags = (ifreq[16] & 0xff) | ((ifreq[17] & 0xff) << 8);
            flags |= 0x1 /* IFF_UP */ | 0x40 /* IFF_RUNNING */;
            ifreq[16] = (byte) flags;
            ifreq[17] = (byte) (flags >> 8);
            LibC.ioctl(socket, 0x8914 /* SIOCSIFFLAGS */, ifreq);
        } catch (LastErrorException e) {
            throw LinuxException.of("ioctl", "SIOCSIFFLAGS lo up", e);
        } finally {
            FdCalls.closeQuietly(socket);
        }
    }
}
