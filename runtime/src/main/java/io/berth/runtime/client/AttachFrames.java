package io.berth.runtime.client;

import io.berth.runtime.linux.Terminals.WindowSize;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * What an attached client sends after the reply to its ATTACH request: frames of a type byte, a
 * 4-byte big-endian length and that many bytes. The supervisor sends back the terminal's output as
 * it comes, unframed, and closes the connection when the container's terminal ends. The channel is
 * read and written directly (not through Channels streams, which lock the channel for a read
 * while another thread writes).
 */
public final class AttachFrames {
    private static final int MAX_PAYLOAD = 1 << 20;

    public enum Type { DATA, END_INPUT, RESIZE }

    public record Frame(Type type, byte[] payload) {
    }

    private AttachFrames() {
    }

    public static void write(SocketChannel channel, Type type, byte[] payload) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(5 + payload.length);
        buffer.put((byte) type.ordinal()).putInt(payload.length).put(payload).flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    public static byte[] resize(int rows, int columns) {
        return ByteBuffer.allocate(8).putInt(rows).putInt(columns).array();
    }

    public static WindowSize size(Frame frame) {
        ByteBuffer buffer = ByteBuffer.wrap(frame.payload());
        return new WindowSize(buffer.getInt(), buffer.getInt());
    }

    /** The next frame, or null when the client closed the connection. */
    public static Frame read(SocketChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(5);
        if (!fill(channel, header)) {
            return null;
        }
        int type = header.get(0);
        int length = header.getInt(1);
        if (type < 0 || type >= Type.values().length || length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("bad attach frame: type " + type + ", length " + length);
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        if (!fill(channel, payload)) {
            return null;
        }
        return new Frame(Type.values()[type], payload.array());
    }

    private static boolean fill(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                return false;
            }
        }
        return true;
    }
}
