package io.berth.cli.compose;

import io.berth.cli.JsonOutput;
import io.berth.runtime.ContainerEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container event as {@code docker compose events} prints it: one line
 * {@code 2026-12-07 02:00:00.123456 container start ID (image=..., name=...)}, or with {@code --json} an
 * object {@code {"action","attributes","id","service","time","type"}}. Compose's own labels
 * ({@code com.docker.compose.*}) are left out of the attributes as Compose leaves them out, and so are
 * Berth's bookkeeping labels ({@code io.berth.*}: config hash, healthcheck), which stand where Docker
 * has Compose's; the service is a field of its own.
 */
final class EventLine {
    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final List<String> HIDDEN_LABELS = List.of("com.docker.compose.", "io.berth.");

    private EventLine() {
    }

    static String service(ContainerEvent event) {
        return io.berth.engine.ComposeLabels.of(event.attributes()).serviceOrEmpty();
    }

    static String text(ContainerEvent event, ZoneId zone) {
        StringBuilder line = new StringBuilder(TEXT_TIME.format(event.time().atZone(zone)))
                .append(" container ").append(event.action()).append(' ').append(event.id().value());
        Map<String, String> attributes = attributes(event);
        if (!attributes.isEmpty()) {
            List<String> pairs = attributes.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList();
            line.append(" (").append(String.join(", ", pairs)).append(')');
        }
        return line.toString();
    }

    /** Keys in the order Go's encoder writes a map: sorted. The time as Go writes a time.Time (RFC 3339, nanoseconds). */
    static String json(ContainerEvent event, ZoneId zone) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("action", event.action());
        object.put("attributes", attributes(event));
        object.put("id", event.id().value());
        object.put("service", service(event));
        object.put("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.time().atZone(zone)));
        object.put("type", "container");
        return JsonOutput.compact(object);
    }

    private static Map<String, String> attributes(ContainerEvent event) {
        Map<String, String> attributes = new TreeMap<>();
        event.attributes().forEach((key, value) -> {
            if (HIDDEN_LABELS.stream().noneMatch(key::startsWith)) {
                attributes.put(key, value);
            }
        });
        return attributes;
    }
}
