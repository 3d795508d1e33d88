package io.berth.cli.server;

import io.berth.runtime.UnixChannels;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One berth-client's connection: reading its request (the payload's length with fds 0, 1, 2
 * attached, then the payload) and writing the replies, each a type byte and a native int.
 */
final class Connection implements AutoCloseable {
    static final byte ACCEPTED = 'A';
    static final byte RUN_IT_YOURSELF = 'R';
    static final byte EXIT = 'X';
    static final byte SIGNAL = 'S';
    /** Reasons sent with RUN_IT_YOURSELF: the client then asks for a new server, or not. */
    static final int NOT_SERVED = 0;
    static final int STEPPED_ASIDE = 1;
    private static final int MAX_PAYLOAD = 16 << 20;

    final int fd;
    private int[] stdio = new int[0];

    Connection(int fd) {
        this.fd = fd;
    }

    /** The caller's fds 0, 1, 2 as received (this server's numbers), from now on the caller's to close. */
    int[] takeStdio() {
        int[] taken = stdio;
        stdio = new int[0];
        return taken;
    }

    /** Whether the caller's stdin, as received, is a terminal. */
    boolean stdinIsTerminal() {
        return stdio.length == 3 && UnixChannels.isTerminal(stdio[0]);
    }

    byte[] readPayload() {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        while (header.size() < 4) {
            UnixChannels.Received received = UnixChannels.receive(fd, 4 - header.size(), 3);
            if (received.fds().length > 0) {
                closeStdio();
                stdio = received.fds();
            }
            if (received.data().length == 0) {
                throw new IllegalArgumentException("berth-client closed the connection before its request");
            }
            header.writeBytes(received.data());
        }
        int length = ByteBuffer.wrap(header.toByteArray()).order(ByteOrder.nativeOrder()).getInt();
        if (length < 0 || length > MAX_PAYLOAD || stdio.length != 3) {
            throw new IllegalArgumentException("malformed request from berth-client (length " + length
                    + ", " + stdio.length + " fds)");
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream(length);
        while (payload.size() < length) {
            byte[] chunk = UnixChannels.read(fd, Math.min(65536, length - payload.size()));
            if (chunk.length == 0) {
                throw new IllegalArgumentException("berth-client closed the connection inside its request");
            }
            payload.writeBytes(chunk);
        }
        return payload.toByteArray();
    }

    void reply(byte type, int value) {
        UnixChannels.writeAll(fd, ByteBuffer.allocate(5).order(ByteOrder.nativeOrder()).put(type).putInt(value).array());
    }

    /** The signal number of a SIGNAL message, or -1 when the client is gone. */
    int readSignal() {
        byte[] message = new byte[0];
        while (message.length < 5) {
            byte[] chunk = UnixChannels.read(fd, 5 - message.length);
            if (chunk.length == 0) {
                return -1;
            }
            byte[] joined = java.util.Arrays.copyOf(message, message.length + chunk.length);
            System.arraycopy(chunk, 0, joined, message.length, chunk.length);
            message = joined;
        }
        return message[0] == SIGNAL ? ByteBuffer.wrap(message, 1, 4).order(ByteOrder.nativeOrder()).getInt() : 0;
    }

    private void closeStdio() {
        for (int received : stdio) {
            UnixChannels.closeQuietly(received);
        }
        stdio = new int[0];
    }

    @Override
    public void close() {
        closeStdio();
        UnixChannels.closeQuietly(fd);
    }
}
