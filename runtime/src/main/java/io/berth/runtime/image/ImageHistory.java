package io.berth.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageHistoryEntry;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * docker history's data: the config's history entries, oldest first, each that made a layer
 * (not {@code empty_layer}) paired with the next diff_id for its size (unpacked, as Docker's).
 */
public final class ImageHistory {
    private ImageHistory() {
    }

    public static List<ImageHistoryEntry> of(ImageStore store, Digest imageId) throws IOException {
        JsonNode config = ImageConfigs.parse(store.configJson(imageId), "image " + imageId);
        List<Digest> diffIds = ImageConfigs.diffIds(config);
        List<ImageHistoryEntry> entries = new ArrayList<>();
        int layer = 0;
        for (JsonNode step : config.path("history")) {
            boolean empty = step.path("empty_layer").asBoolean(false);
            long size = 0;
            if (!empty && layer < diffIds.size()) {
                size = store.layers().size(diffIds.get(layer++));
            }
            entries.add(new ImageHistoryEntry(instant(step.path("created").asText("")),
                    step.path("created_by").asText(""), size, step.path("comment").asText(""), empty));
        }
        for (; layer < diffIds.size(); layer++) { // layers no history entry tells of
            entries.add(new ImageHistoryEntry(null, "", store.layers().size(diffIds.get(layer)), "", false));
        }
        return List.copyOf(entries);
    }

    private static Instant instant(String text) {
        try {
            return text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
