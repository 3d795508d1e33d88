package io.berth.engine.convert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Flattens a service's config to dotted paths ("environment.FOO", "ports[0].target") and says
 * which paths differ between two configs: what Docker Compose's hash alone cannot tell.
 */
public final class ConfigDiff {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigDiff() {
    }

    public static SortedMap<String, String> flatten(JsonNode node) {
        SortedMap<String, String> flat = new TreeMap<>();
        flatten("", node, flat);
        return flat;
    }

    private static void flatten(String path, JsonNode node, SortedMap<String, String> flat) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), flat);
            }
        } else if (node.isArray()) {
            for (int index = 0; index < node.size(); index++) {
                flatten(path + "[" + index + "]", node.get(index), flat);
            }
        } else if (!node.isNull()) {
            flat.put(path, node.isTextual() ? node.textValue() : node.toString());
        }
    }

    /** The compact JSON stored in the container's label. */
    public static String toLabel(SortedMap<String, String> config) {
        return toJson(config);
    }

    /** Any value as compact JSON (labels are strings). */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write a map of strings as JSON", impossible);
        }
    }

    /** Reads a label written by {@link #toLabel}; empty when absent or unreadable. */
    public static SortedMap<String, String> fromLabel(String label) {
        if (label == null || label.isEmpty()) {
            return new TreeMap<>();
        }
        try {
            SortedMap<String, String> config = new TreeMap<>();
            JSON.readTree(label).fields().forEachRemaining(field -> config.put(field.getKey(), field.getValue().asText()));
            return config;
        } catch (JsonProcessingException unreadable) {
            return new TreeMap<>();
        }
    }

    /** "environment.FOO changed", "ports[1] added", "cap_add[0] removed", sorted by path. */
    public static List<String> changes(SortedMap<String, String> before, SortedMap<String, String> after) {
        List<String> changes = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String path : paths) {
            String old = before.get(path);
            String now = after.get(path);
            if (old == null) {
                changes.add(path + " added");
            } else if (now == null) {
                changes.add(path + " removed");
            } else if (!old.equals(now)) {
                changes.add(path + " changed");
            }
        }
        return changes;
    }
}
