package io.berth.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.runtime.Digest;
import io.berth.runtime.state.Json;
import java.io.IOException;

/** An OCI content descriptor: what a manifest or index says about one blob. */
record Descriptor(String mediaType, Digest digest, long size) {
    static Descriptor from(JsonNode node, String what) throws IOException {
        try {
            return new Descriptor(node.path("mediaType").asText(""), Digest.parse(node.path("digest").asText("")),
                    node.path("size").asLong(-1));
        } catch (IllegalArgumentException e) {
            throw new IOException(what + ": bad descriptor: " + e.getMessage(), e);
        }
    }

    ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("mediaType", mediaType);
        node.put("digest", digest.toString());
        node.put("size", size);
        return node;
    }
}
