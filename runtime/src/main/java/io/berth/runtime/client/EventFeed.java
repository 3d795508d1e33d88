package io.berth.runtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.ContainerEvent;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.state.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Follows the supervisor's event feed (Protocol.Op.EVENTS). When the connection ends (the supervisor
 * exited or was killed) it asks {@code ensureRunning} for a supervisor again and follows the new one
 * from the start of its feed, which begins with what it found at recovery.
 */
final class EventFeed {
    private final Path socket;
    private final Runnable ensureRunning;
    private String epoch;
    private long after;

    EventFeed(Path socket, Runnable ensureRunning) {
        this.socket = socket;
        this.ensureRunning = ensureRunning;
    }

    void follow(Predicate<ContainerEvent> sink) {
        while (true) {
            ensureRunning.run();
            try {
                if (!followOnce(sink)) {
                    return;
                }
            } catch (IOException lost) {
                // the supervisor went away mid-stream: start or find the next one
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** False when the sink asked to stop; true when the stream ended. */
    private boolean followOnce(Predicate<ContainerEvent> sink) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            var args = Protocol.args();
            if (epoch != null) {
                args.put("epoch", epoch).put("after", after);
            }
            BufferedReader reader = SupervisorConnection.send(channel,
                    new Protocol.Request(Protocol.VERSION, Protocol.Op.EVENTS, args));
            String line = reader.readLine();
            if (line == null) {
                return true;
            }
            Protocol.Reply reply = Json.MAPPER.readValue(line, Protocol.Reply.class);
            if (!reply.ok()) {
                throw new RuntimeOperationException(reply.kind() == null ? Kind.FAILED : reply.kind(),
                        "follow the supervisor's events: " + reply.message());
            }
            JsonNode result = reply.result();
            epoch = result.path("epoch").asText();
            after = result.path("after").asLong();
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue; // the supervisor's heartbeat
                }
                ContainerEvent event = Json.MAPPER.readValue(line, ContainerEvent.class);
                after = event.sequence();
                if (!sink.test(event)) {
                    return false;
                }
            }
            return true;
        }
    }
}
