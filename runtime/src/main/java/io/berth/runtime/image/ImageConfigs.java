package io.berth.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the parts of an OCI / Docker image config (the JSON blob an image id names) Berth uses. */
final class ImageConfigs {
    private ImageConfigs() {
    }

    static JsonNode parse(byte[] configJson, String what) throws IOException {
        JsonNode root = Json.MAPPER.readTree(configJson);
        if (root == null || !root.isObject() || !root.path("rootfs").path("diff_ids").isArray()) {
            throw new IOException(what + ": not an image config (no rootfs.diff_ids)");
        }
        return root;
    }

    /**
     * {@link #parse} plus the checks of an image coming in (load, pull, import): an image whose
     * stop signal no kernel knows could never be stopped by {@code down}, and a volume over {@code /},
     * {@code /proc}, {@code /dev} or {@code /sys} would hide the container's root or what the kernel
     * mounts there. Images already stored are read with {@link #parse} alone, so they can be removed.
     */
    static JsonNode parseIncoming(byte[] configJson, String what) throws IOException {
        JsonNode root = parse(configJson, what);
        validateRunConfig(root.path("config"), what);
        return root;
    }

    /** All problems of a run config ({@code config} of an image config) at once, or nothing. */
    static void validateRunConfig(JsonNode run, String what) throws IOException {
        List<String> problems = new ArrayList<>();
        String stopSignal = text(run.path("StopSignal"));
        if (stopSignal != null) {
            try {
                io.berth.runtime.linux.Signals.parse(stopSignal);
            } catch (RuntimeException unknown) {
                problems.add("StopSignal \"" + stopSignal + "\" is not a signal (use a name such as SIGTERM or a number 1-64)");
            }
        }
        for (String volume : keys(run.path("Volumes"))) {
            String path = java.nio.file.Path.of("/").resolve(volume).normalize().toString();
            if (path.equals("/")) {
                problems.add("Volumes: \"" + volume + "\" would hide the container's whole root (a volume cannot be /)");
            } else if (java.util.stream.Stream.of("/proc", "/dev", "/sys").anyMatch(kernel -> path.equals(kernel)
                    || path.startsWith(kernel + "/"))) {
                problems.add("Volumes: \"" + volume + "\" would hide what the kernel provides there (no volume over /proc, /dev or /sys)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IOException(what + ": " + String.join("; ", problems));
        }
    }

    static List<Digest> diffIds(JsonNode config) {
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode diffId : config.path("rootfs").path("diff_ids")) {
            diffIds.add(Digest.parse(diffId.asText()));
        }
        return diffIds;
    }

    static Instant created(JsonNode config) {
        String created = config.path("created").asText("");
        try {
            return created.isEmpty() ? Instant.EPOCH : Instant.parse(created);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    static ImageInfo.Config runConfig(JsonNode config) {
        JsonNode run = config.path("config");
        return new ImageInfo.Config(listOrNull(run.path("Entrypoint")), listOrNull(run.path("Cmd")),
                list(run.path("Env")), text(run.path("WorkingDir")), text(run.path("User")),
                keys(run.path("ExposedPorts")), keys(run.path("Volumes")), labels(run.path("Labels")),
                text(run.path("StopSignal")), healthcheck(run.path("Healthcheck")));
    }

    private static ImageInfo.Healthcheck healthcheck(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        return new ImageInfo.Healthcheck(list(node.path("Test")), nanos(node.path("Interval")),
                nanos(node.path("Timeout")), nanos(node.path("StartPeriod")),
                node.path("Retries").isNumber() ? node.path("Retries").asInt() : null);
    }

    private static Duration nanos(JsonNode node) {
        return node.isNumber() && node.asLong() > 0 ? Duration.ofNanos(node.asLong()) : null;
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }

    private static List<String> listOrNull(JsonNode node) {
        return node.isArray() ? list(node) : null;
    }

    private static List<String> list(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        keys.sort(null);
        return List.copyOf(keys);
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            labels.put(field.getKey(), field.getValue().asText());
        }
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
}
