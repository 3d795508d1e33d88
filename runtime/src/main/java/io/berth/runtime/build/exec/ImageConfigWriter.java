package io.berth.runtime.build.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.runtime.build.plan.ImageSettings;
import io.berth.runtime.build.plan.ImageSettingsJson;
import io.berth.runtime.image.BuilderStore;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OCI config of a built image: the base's config with the stage's settings, its diff_ids and
 * history. Every map is written with sorted keys, so the same build gives the same bytes (and the
 * same image id) in any JVM.
 */
final class ImageConfigWriter {
    static final ObjectMapper MAPPER = Json.MAPPER; // the runtime\'s one mapper (trees only here)

    private ImageConfigWriter() {
    }

    static byte[] write(StageResult stage, Map<String, String> extraLabels) throws IOException {
        ObjectNode config = stage.baseConfig().deepCopy();
        config.remove(List.of("container_config", "container", "docker_version", "parent", "id", "comment"));
        config.put("created", stage.created());
        if (!config.has("architecture")) {
            config.put("architecture", io.berth.runtime.build.plan.BuildPlatform.host().architecture());
        }
        if (!config.has("os")) {
            config.put("os", "linux");
        }
        ObjectNode run = config.has("config") && config.get("config").isObject()
                ? (ObjectNode) config.get("config") : MAPPER.createObjectNode();
        ImageSettings settings = stage.settings();
        if (!extraLabels.isEmpty()) {
            Map<String, String> labels = new TreeMap<>(settings.labels());
            labels.putAll(extraLabels);
            settings = new ImageSettings(settings.env(), settings.workingDir(), settings.user(), settings.entrypoint(),
                    settings.cmd(), labels, settings.exposedPorts(), settings.volumes(), settings.shell(),
                    settings.healthcheck(), settings.stopSignal(), settings.onBuild(), settings.argsEscaped());
        }
        ImageSettingsJson.toConfig(settings, run);
        for (String field : List.of("Labels", "ExposedPorts", "Volumes")) {
            if (run.get(field) instanceof ObjectNode object) {
                run.set(field, sorted(object));
            }
        }
        config.set("config", run);
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        stage.layers().forEach(layer -> diffIds.add(layer.diffId().toString()));
        ArrayNode history = config.putArray("history");
        stage.history().forEach(history::add);
        return MAPPER.writeValueAsBytes(config);
    }

    static ObjectNode sorted(ObjectNode object) {
        ObjectNode copy = MAPPER.createObjectNode();
        List<String> names = new ArrayList<>();
        Iterator<String> iterator = object.fieldNames();
        iterator.forEachRemaining(names::add);
        names.stream().sorted().forEach(name -> copy.set(name, object.get(name)));
        return copy;
    }

    static ObjectNode historyEntry(String created, String createdBy, boolean emptyLayer) {
        ObjectNode entry = MAPPER.createObjectNode();
        entry.put("created", created);
        entry.put("created_by", createdBy);
        entry.put("comment", "buildkit.dockerfile.v0");
        if (emptyLayer) {
            entry.put("empty_layer", true);
        }
        return entry;
    }

    static List<ObjectNode> historyOf(JsonNode config) {
        List<ObjectNode> entries = new ArrayList<>();
        for (JsonNode entry : config.path("history")) {
            if (entry instanceof ObjectNode object) {
                entries.add(object);
            }
        }
        return entries;
    }

    static List<BuilderStore.Layer> noLayers() {
        return List.of();
    }
}
