package io.berth.runtime.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.ContainerEvent;
import io.berth.runtime.client.Protocol;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Serves an EVENTS request: the rest of the connection is the event feed, one JSON object a line.
 * While nothing happens an empty line goes out every few seconds: a client that left is noticed
 * by the failed write, and its request thread ends.
 */
final class EventStream {
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);

    private EventStream() {
    }

    static void serve(ContainerEventLog log, SocketChannel channel, JsonNode args) throws IOException {
        String epoch = args == null ? null : args.path("epoch").asText(null);
        long after;
        if (epoch == null) {
            after = log.lastSequence();
        } else if (epoch.equals(log.epoch())) {
            after = args.path("after").asLong(log.lastSequence());
        } else {
            after = 0; // the supervisor the client followed is gone: everything this one recorded is new to it
        }
        SupervisorServer.reply(channel, Protocol.Reply.success(Map.of("epoch", log.epoch(), "after", after)));
        OutputStream out = Channels.newOutputStream(channel);
        try {
            while (channel.isOpen()) {
                List<ContainerEvent> events = log.after(after, HEARTBEAT);
                for (ContainerEvent event : events) {
                    out.write(Json.MAPPER.writeValueAsBytes(event));
                    out.write('\n');
                    after = event.sequence();
                }
                if (events.isEmpty()) {
                    out.write('\n');
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
