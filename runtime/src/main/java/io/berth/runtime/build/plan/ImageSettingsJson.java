package io.berth.runtime.build.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Converts {@link ImageSettings} from and to the {@code config} object of an OCI/Docker image
 * config JSON (Env, WorkingDir, User, Entrypoint, Cmd, Labels, ExposedPorts, Volumes, Shell,
 * Healthcheck with durations in nanoseconds, StopSignal, OnBuild, ArgsEscaped).
 */
public final class ImageSettingsJson {
    private ImageSettingsJson() {
    }

    /** Reads the settings from an image config's {@code config} object (missing node = empty). */
    public static ImageSettings fromConfig(JsonNode config) {
        if (config == null || !config.isObject()) {
            return ImageSettings.empty();
        }
        Map<String, String> labels = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = config.path("Labels").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            labels.put(field.getKey(), field.getValue().asText());
        }
        return new ImageSettings(list(config.path("Env")), text(config.path("WorkingDir")), text(config.path("User")),
                listOrNull(config.path("Entrypoint")), listOrNull(config.path("Cmd")), labels,
                keys(config.path("ExposedPorts")), keys(config.path("Volumes")), listOrNull(config.path("Shell")),
                healthcheck(config.path("Healthcheck")), text(config.path("StopSignal")), list(config.path("OnBuild")),
                config.path("ArgsEscaped").asBoolean(false));
    }

    /** Writes the settings into {@code config} (the {@code config} object), replacing those fields. */
    public static void toConfig(ImageSettings settings, ObjectNode config) {
        for (String field : List.of("Env", "WorkingDir", "User", "Entrypoint", "Cmd", "Labels", "ExposedPorts",
                "Volumes", "Shell", "Healthcheck", "StopSignal", "OnBuild", "ArgsEscaped")) {
            config.remove(field);
        }
        if (!settings.env().isEmpty()) {
            settings.env().forEach(config.putArray("Env")::add);
        }
        putText(config, "WorkingDir", settings.workingDir());
        putText(config, "User", settings.user());
        if (settings.entrypoint() != null) {
            settings.entrypoint().forEach(config.putArray("Entrypoint")::add);
        }
        if (settings.cmd() != null) {
            settings.cmd().forEach(config.putArray("Cmd")::add);
        }
        if (!settings.labels().isEmpty()) {
            ObjectNode labels = config.putObject("Labels");
            new TreeMap<>(settings.labels()).forEach(labels::put);
        }
        if (!settings.exposedPorts().isEmpty()) {
            ObjectNode ports = config.putObject("ExposedPorts");
            new TreeSet<>(settings.exposedPorts()).forEach(ports::putObject);
        }
        if (!settings.volumes().isEmpty()) {
            ObjectNode volumes = config.putObject("Volumes");
            new TreeSet<>(settings.volumes()).forEach(volumes::putObject);
        }
        if (settings.shell() != null) {
            settings.shell().forEach(config.putArray("Shell")::add);
        }
        if (settings.healthcheck() != null) {
            Healthcheck healthcheck = settings.healthcheck();
            ObjectNode node = config.putObject("Healthcheck");
            healthcheck.test().forEach(node.putArray("Test")::add);
            putNanos(node, "Interval", healthcheck.interval());
            putNanos(node, "Timeout", healthcheck.timeout());
            putNanos(node, "StartPeriod", healthcheck.startPeriod());
            putNanos(node, "StartInterval", healthcheck.startInterval());
            if (healthcheck.retries() != null && healthcheck.retries() != 0) {
                node.put("Retries", healthcheck.retries());
            }
        }
        putText(config, "StopSignal", settings.stopSignal());
        if (!settings.onBuild().isEmpty()) {
            settings.onBuild().forEach(config.putArray("OnBuild")::add);
        }
        if (settings.argsEscaped()) {
            config.put("ArgsEscaped", true);
        }
    }

    private static void putText(ObjectNode config, String field, String value) {
        if (value != null && !value.isEmpty()) {
            config.put(field, value);
        }
    }

    private static void putNanos(ObjectNode node, String field, Duration duration) {
        if (duration != null && !duration.isZero()) {
            node.put(field, duration.toNanos());
        }
    }

    private static Healthcheck healthcheck(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        return new Healthcheck(list(node.path("Test")), nanos(node.path("Interval")), nanos(node.path("Timeout")),
                nanos(node.path("StartPeriod")), nanos(node.path("StartInterval")),
                node.path("Retries").isNumber() ? node.path("Retries").asInt() : 0);
    }

    private static Duration nanos(JsonNode node) {
        return node.isNumber() ? Duration.ofNanos(node.asLong()) : Duration.ZERO;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : "";
    }

    private static List<String> listOrNull(JsonNode node) {
        return node.isArray() ? list(node) : null;
    }

    private static List<String> list(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static TreeSet<String> keys(JsonNode node) {
        TreeSet<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

}
