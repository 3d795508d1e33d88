package io.berth.runtime.client;

import io.berth.runtime.ContainerAttachment;
import io.berth.runtime.ContainerId;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.state.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The client's end of an ATTACH connection to the supervisor ({@link AttachFrames}). */
final class SocketAttachment implements ContainerAttachment {
    private static final byte[] END = new byte[0];
    private static final byte[] NOTHING = new byte[0];
    private final SocketChannel channel;
    private final BlockingQueue<byte[]> output = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    private SocketAttachment(SocketChannel channel) {
        this.channel = channel;
        Thread reader = new Thread(this::readOutput, "berth-attach-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects, asks to attach (and start), and waits for the reply. */
    static SocketAttachment open(Path socket, ContainerId id, boolean start, int rows, int columns)
            throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            var args = Protocol.args().put("id", id.value()).put("start", start);
            if (rows > 0 && columns > 0) {
                args.put("rows", rows).put("columns", columns);
            }
            byte[] request = Json.MAPPER.writeValueAsBytes(new Protocol.Request(Protocol.VERSION, Protocol.Op.ATTACH, args));
            ByteBuffer buffer = ByteBuffer.allocate(request.length + 1).put(request).put((byte) '\n').flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            Protocol.Reply reply = Json.MAPPER.readValue(replyLine(channel), Protocol.Reply.class);
            if (!reply.ok()) {
                throw new RuntimeOperationException(reply.kind() == null ? Kind.FAILED : reply.kind(), reply.message());
            }
            return new SocketAttachment(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Byte by byte: what follows the reply's newline is the container's output, not to be read ahead. */
    private static String replyLine(SocketChannel channel) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new IOException("the supervisor closed the connection without replying to attach");
            }
            if (one.get(0) == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(one.get(0));
        }
    }

    private void readOutput() {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
            while (channel.read(buffer.clear()) >= 0) {
                output.add(Arrays.copyOf(buffer.array(), buffer.position()));
            }
        } catch (IOException e) {
            // closed by us, or the supervisor went away: the end either way
        } finally {
            output.add(END);
        }
    }

    @Override
    public byte[] read(Duration patience) {
        if (ended) {
            return null;
        }
        try {
            byte[] next = output.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
            if (next == END) {
                ended = true;
                return null;
            }
            return next == null ? NOTHING : next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void write(byte[] input) {
        send(AttachFrames.Type.DATA, input);
    }

    @Override
    public void endInput() {
        send(AttachFrames.Type.END_INPUT, new byte[0]);
    }

    @Override
    public void resize(int rows, int columns) {
        send(AttachFrames.Type.RESIZE, AttachFrames.resize(rows, columns));
    }

    private void send(AttachFrames.Type type, byte[] payload) {
        try {
            synchronized (channel) {
                AttachFrames.write(channel, type, payload);
            }
        } catch (IOException e) {
            throw new RuntimeOperationException(Kind.FAILED, "send input to the container: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
