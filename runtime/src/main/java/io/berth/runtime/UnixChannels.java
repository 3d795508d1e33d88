package io.berth.runtime;

import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.FdStreams;
import io.berth.runtime.linux.UnixSockets;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Unix sockets and raw file descriptors for the CLI server (docs/cli-server.md): a listening
 * socket, the caller's fds 0-2 received with SCM_RIGHTS, reads and writes on them, a wake-up pipe
 * and poll. Every call throws an exception naming the call and errno when the kernel refuses it.
 */
public final class UnixChannels {
    private UnixChannels() {
    }

    /** Bytes and the file descriptors that came with them. */
    public record Received(byte[] data, int[] fds) {
    }

    /** A socket bound at {@code path} with mode {@code mode}, listening. The path must not exist. */
    public static int listen(Path path, int mode) {
        return UnixSockets.listen(path, mode);
    }

    public static int accept(int listening) {
        return UnixSockets.accept(listening);
    }

    /** The uid of the process at the other end of a connected socket (SO_PEERCRED). */
    public static int peerUid(int fd) {
        return UnixSockets.peerUid(fd);
    }

    /** Whether the peer runs as this process's user: the only one Berth's servers serve. */
    public static boolean isOwnUser(int fd) {
        return UnixSockets.isOwnUser(fd);
    }

    /** Up to {@code max} bytes and up to {@code maxFds} descriptors; no bytes at the end of the stream. */
    public static Received receive(int fd, int max, int maxFds) {
        UnixSockets.Received received = UnixSockets.receive(fd, max, maxFds);
        return new Received(received.data(), received.fds());
    }

    /** Up to {@code max} bytes; none at the end of the stream. */
    public static byte[] read(int fd, int max) {
        return FdCalls.read(fd, max);
    }

    public static void writeAll(int fd, byte[] content) {
        FdCalls.writeAll(fd, content);
    }

    public static void closeQuietly(int fd) {
        FdCalls.closeQuietly(fd);
    }

    public static boolean isTerminal(int fd) {
        return FdStreams.isTerminal(fd);
    }

    public static InputStream input(int fd) {
        return FdStreams.input(fd);
    }

    public static OutputStream output(int fd) {
        return FdStreams.output(fd);
    }

    /** A pipe: read end, write end (close-on-exec, non-blocking). */
    public static int[] pipe() {
        return FdCalls.nonBlockingPipe();
    }

    public static void writeByte(int fd) {
        FdCalls.wake(fd);
    }

    public static void close(int fd) {
        FdCalls.closeQuietly(fd);
    }

    /** The fds of {@code fds} that are readable within {@code timeoutMillis} (-1: no limit). */
    public static List<Integer> pollReadable(int[] fds, int timeoutMillis) {
        return FdCalls.pollReadable(fds, timeoutMillis);
    }
}
