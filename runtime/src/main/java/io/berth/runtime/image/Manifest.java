package io.berth.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** An image manifest (OCI or Docker schema 2): its config and its layers, bottom-most first. */
record Manifest(String mediaType, Descriptor config, List<Descriptor> layers) {
    static Manifest parse(byte[] json, String what) throws IOException {
        JsonNode root = Json.MAPPER.readTree(json);
        if (root == null || root.path("schemaVersion").asInt() != 2 || !root.path("config").isObject()) {
            throw new IOException(what + ": not an OCI or Docker schema 2 image manifest");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode layer : root.path("layers")) {
            layers.add(Descriptor.from(layer, what));
        }
        String mediaType = root.path("mediaType").asText(MediaTypes.OCI_MANIFEST);
        return new Manifest(mediaType, Descriptor.from(root.path("config"), what), List.copyOf(layers));
    }

    /** An OCI manifest for a config and layers Berth stored itself (load of docker save, import). */
    static byte[] ociJson(Descriptor config, List<Descriptor> layers) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", MediaTypes.OCI_MANIFEST);
        root.set("config", config.toJson());
        ArrayNode array = root.putArray("layers");
        layers.forEach(layer -> array.add(layer.toJson()));
        return Json.MAPPER.writeValueAsBytes(root);
    }
}
