package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A listening Unix stream socket whose clients pass file descriptors (SCM_RIGHTS) and are
 * identified by their uid (SO_PEERCRED): what the CLI server needs, which java.nio's Unix
 * sockets cannot do. Descriptors are plain ints, CLOEXEC; failures are {@link LinuxException}s.
 */
public final class UnixSockets {
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int SO_PEERCRED = 17;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int SUN_PATH_MAX = 108;
    // x86-64 and arm64: struct msghdr 56 bytes, struct iovec 16, struct cmsghdr 16 before its data
    private static final int MSGHDR_SIZE = 56;
    private static final int CMSG_HEADER = 16;

    private UnixSockets() {
    }

    /** What one receive gave: the bytes (empty at end of stream) and the descriptors that came with them. */
    public record Received(byte[] data, int[] fds) {
    }

    /** A socket bound at {@code path} with mode {@code mode}, listening. The path must not exist. */
    public static int listen(Path path, int mode) {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH_MAX) {
            throw new LinuxException("bind", path + " (longer than " + (SUN_PATH_MAX - 1) + " bytes)", 36 /* ENAMETOOLONG */);
        }
        byte[] address = new byte[2 + SUN_PATH_MAX];
        address[0] = AF_UNIX; // sa_family_t, little-endian
        System.arraycopy(name, 0, address, 2, name.length);
        int fd;
        try {
            fd = LibC.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw LinuxException.of("socket", path.toString(), e);
        }
        try {
            LibC.bind(fd, address, address.length);
            // before listen(), nobody can connect: the mode is right before the first client
            LibC.fchmodat(-100 /* AT_FDCWD */, path.toString(), mode, 0);
            LibC.listen(fd, 64);
            return fd;
        } catch (LastErrorException e) {
            FdCalls.closeQuietly(fd);
            throw LinuxException.of("bind/listen", path.toString(), e);
        }
    }

    /** The next connection (CLOEXEC). */
    public static int accept(int listening) {
        try {
            return LibC.accept4(listening, null, null, SOCK_CLOEXEC);
        } catch (LastErrorException e) {
            throw LinuxException.of("accept4", "fd " + listening, e);
        }
    }

    /**
     * Whether the process at the other end of {@code fd} runs as this process's user: the one check
     * every Berth socket makes on every connection (SO_PEERCRED), beside its 0600 mode.
     */
    public static boolean isOwnUser(int fd) {
        return peerUid(fd) == OwnUser.UID;
    }

    /** {@link #isOwnUser(int)} for a java.nio channel (its descriptor is not reachable; same option). */
    public static boolean isOwnUser(java.nio.channels.SocketChannel channel) {
        try {
            return channel.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user().equals(OwnUser.PRINCIPAL);
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return false; // unknown peer: refused
        }
    }

    /** This process's uid, as a number (for raw fds) and as the principal java.nio compares with. */
    private static final class OwnUser {
        static final int UID;
        static final java.nio.file.attribute.UserPrincipal PRINCIPAL;

        static {
            try {
                Path self = Path.of("/proc/self");
                UID = (Integer) java.nio.file.Files.getAttribute(self, "unix:uid");
                PRINCIPAL = java.nio.file.Files.getOwner(self);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** The uid of the process at the other end of a connected socket. */
    public static int peerUid(int fd) {
        byte[] credentials = new byte[12]; // struct ucred {pid, uid, gid}
        try {
            LibC.getsockopt(fd, SOL_SOCKET, SO_PEERCRED, credentials, new int[] {credentials.length});
        } catch (LastErrorException e) {
            throw LinuxException.of("getsockopt", "SO_PEERCRED of fd " + fd, e);
        }
        return (credentials[4] & 0xff) | (credentials[5] & 0xff) << 8 | (credentials[6] & 0xff) << 16
                | (credentials[7] & 0xff) << 24;
    }

    /** Up to {@code max} bytes and up to {@code maxFds} descriptors (CLOEXEC); retries on EINTR. */
    public static Received receive(int fd, int max, int maxFds) {
        int controlSize = CMSG_HEADER + ((4 * maxFds + 7) & ~7);
        Memory message = new Memory(MSGHDR_SIZE);
        Memory iov = new Memory(16);
        Memory data = new Memory(Math.max(1, max));
        Memory control = new Memory(controlSize);
        message.clear();
        control.clear();
        iov.setPointer(0, data);
        iov.setLong(8, max);
        message.setPointer(16, iov);
        message.setLong(24, 1);
        message.setPointer(32, control);
        message.setLong(40, controlSize);
        long count;
        while (true) {
            try {
                count = LibC.recvmsg(fd, message, MSG_CMSG_CLOEXEC);
                break;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != ErrnoNames.EINTR) {
                    throw LinuxException.of("recvmsg", "fd " + fd, e);
                }
            }
        }
        int[] fds = new int[0];
        long controlLength = message.getLong(40);
        if (controlLength >= CMSG_HEADER && control.getInt(8) == SOL_SOCKET && control.getInt(12) == SCM_RIGHTS) {
            int count4 = (int) ((control.getLong(0) - CMSG_HEADER) / 4);
            fds = control.getIntArray(CMSG_HEADER, count4);
        }
        return new Received(Arrays.copyOf(data.getByteArray(0, (int) count), (int) count), fds);
    }
}
