package io.berth.model;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configuration hash of a service: a container whose label holds another hash must be recreated.
 * As Docker Compose does, it leaves out what must not force a recreate: build, pull_policy,
 * scale/deploy.replicas, depends_on and profiles. The engine and {@code berth config --hash} share it.
 * {@code deploy} is left out as a record: what the local engine uses of it (resources) is hashed
 * through the fields that carry it, and the orchestrators' parts do not concern a local container.
 */
public final class ConfigHash {
    private static final Set<String> LEFT_OUT = Set.of("build", "pullPolicy", "replicas", "dependsOn", "profiles",
            "deploy", "attributes"); // attributes: which keys are set, already in the values

    private ConfigHash() {
    }

    /** Hex SHA-256 of the service's canonical text (record components in name order). */
    public static String of(Service service) {
        StringBuilder text = new StringBuilder();
        append(service, text);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static void append(Object value, StringBuilder text) {
        if (value == null) {
            text.append("null");
        } else if (value instanceof Record record) {
            Map<String, Object> fields = new TreeMap<>();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (record instanceof Service && LEFT_OUT.contains(component.getName())) {
                    continue;
                }
                try {
                    fields.put(component.getName(), component.getAccessor().invoke(record));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + component.getName(), e);
                }
            }
            append(fields, text);
        } else if (value instanceof Map<?, ?> map) {
            // key order never matters (as in Compose, whose maps marshal sorted)
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, item) -> sorted.put(String.valueOf(key), item));
            text.append('{');
            sorted.forEach((key, item) -> {
                appendString(String.valueOf(key), text);
                text.append(':');
                append(item, text);
                text.append(',');
            });
            text.append('}');
        } else if (value instanceof Collection<?> items) {
            text.append('[');
            items.forEach(item -> {
                append(item, text);
                text.append(',');
            });
            text.append(']');
        } else if (value instanceof String string) {
            appendString(string, text);
        } else {
            text.append(value);
        }
    }

    private static void appendString(String string, StringBuilder text) {
        text.append('"').append(string.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
}
