package io.berth.runtime.image;

import io.berth.runtime.state.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.runtime.ImageReference;
import io.berth.runtime.state.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * When each name was last pulled ({@code images/pulls.json}: canonical reference to an ISO
 * instant), for Compose's {@code pull_policy: daily|weekly|every_<duration>}. Written under the
 * store lock, atomically; a damaged file reads as "never pulled" (the next pull rewrites it).
 */
final class PullTimes {
    private PullTimes() {
    }

    static Map<String, Instant> read(Path file) {
        Map<String, Instant> times = new TreeMap<>();
        try {
            JsonNode node = Json.MAPPER.readTree(Files.readAllBytes(file));
            node.fields().forEachRemaining(field -> {
                try {
                    times.put(field.getKey(), Instant.parse(field.getValue().asText()));
                } catch (java.time.format.DateTimeParseException e) {
                    // one bad entry: that name counts as never pulled
                }
            });
        } catch (NoSuchFileException e) {
            return times;
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: " + file + ": unreadable, pull times forgotten (" + e.getMessage() + ")");
        }
        return times;
    }

    /** Records {@code when} for {@code reference}; the caller holds the store lock. */
    static void record(Path file, ImageReference reference, Instant when) throws IOException {
        Map<String, Instant> times = read(file);
        times.put(reference.canonical(), when);
        ObjectNode node = Json.MAPPER.createObjectNode();
        times.forEach((name, time) -> node.put(name, time.toString()));
        AtomicFiles.write(file, Json.MAPPER.writeValueAsBytes(node));
    }
}
