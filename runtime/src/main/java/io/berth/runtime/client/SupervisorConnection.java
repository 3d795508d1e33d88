package io.berth.runtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.state.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One request and its reply over the supervisor's socket (a connection per request). */
final class SupervisorConnection {
    private SupervisorConnection() {
    }

    static JsonNode call(Path socket, Protocol.Op op, JsonNode args) throws IOException {
        return call(socket, op, args, Protocol.VERSION);
    }

    /** With {@code version} in the request: SHUTDOWN of a supervisor of another version is asked in its own. */
    static JsonNode call(Path socket, Protocol.Op op, JsonNode args, int version) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                throw new Unreachable(socket, e);
            }
            BufferedReader reader = send(channel, new Protocol.Request(version, op, args));
            String line = reader.readLine();
            if (line == null) {
                throw new IOException("the supervisor closed the connection without replying to " + op);
            }
            Protocol.Reply reply = Json.MAPPER.readValue(line, Protocol.Reply.class);
            if (reply.version() != version) {
                throw new OtherVersion(socket, reply.version());
            }
            if (!reply.ok()) {
                throw new RuntimeOperationException(reply.kind() == null ? Kind.FAILED : reply.kind(),
                        reply.message());
            }
            return reply.result();
        }
    }

    /** Writes {@code request} as one line; the reader of the reply's lines (and of a stream after it). */
    static BufferedReader send(SocketChannel channel, Protocol.Request request) throws IOException {
        OutputStream out = Channels.newOutputStream(channel);
        out.write(Json.MAPPER.writeValueAsBytes(request));
        out.write('\n');
        out.flush();
        return new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }

    /** No supervisor listens: nothing of the request reached one. */
    static final class Unreachable extends IOException {
        Unreachable(Path socket, IOException cause) {
            super("no supervisor listens on " + socket + " (" + cause.getMessage() + ")", cause);
        }
    }

    /** A supervisor of another protocol version answers (one started by an older or newer Berth). */
    static final class OtherVersion extends IOException {
        final int version;

        OtherVersion(Path socket, int version) {
            super("the supervisor on " + socket + " speaks protocol version " + version + ", this Berth "
                    + Protocol.VERSION);
            this.version = version;
        }
    }

    /** True when a supervisor of this version answers on the socket. */
    static boolean ping(Path socket) {
        try {
            call(socket, Protocol.Op.PING, null);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
