package io.berth.engine.kubernetes;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ordered maps for manifests; nulls and empty collections are left out, as kubectl prints objects. */
final class Tree {
    private Tree() {
    }

    /** A map of the key/value pairs given, in order, without the empty ones. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            put(map, (String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static void put(Map<String, Object> map, String key, Object value) {
        if (value == null || value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty()) {
            return;
        }
        map.put(key, value);
    }

    /** The start of every object: apiVersion, kind, metadata (name, labels, annotations). */
    static Map<String, Object> object(String apiVersion, String kind, String name, Map<String, String> labels,
                                      Map<String, String> annotations) {
        return map("apiVersion", apiVersion, "kind", kind,
                "metadata", map("name", name, "labels", labels, "annotations", annotations));
    }
}
