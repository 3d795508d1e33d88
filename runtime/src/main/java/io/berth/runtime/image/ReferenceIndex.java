package io.berth.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageReference;
import io.berth.runtime.state.AtomicFiles;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The store's references, kept as the OCI layout's {@code index.json}: one manifest descriptor
 * per (image, name), the name in the standard {@code org.opencontainers.image.ref.name}
 * annotation (the full reference, docker.io/library/busybox:latest) and the image id in
 * {@code io.berth.image.id}, so that other OCI tools can read the store too.
 */
final class ReferenceIndex {
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String IMAGE_ID = "io.berth.image.id";
    private static final Comparator<IndexEntry> ORDER = Comparator
            .comparing((IndexEntry e) -> e.reference() == null ? "" : e.reference().canonical())
            .thenComparing(e -> e.imageId().hex());

    private ReferenceIndex() {
    }

    static List<IndexEntry> read(Path indexFile) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readAllBytes(indexFile));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("the image index " + indexFile + " is damaged (" + e.getOriginalMessage() + ")", e);
        }
        List<IndexEntry> entries = new ArrayList<>();
        for (JsonNode manifest : root.path("manifests")) {
            JsonNode annotations = manifest.path("annotations");
            String id = annotations.path(IMAGE_ID).asText(null);
            if (id == null) {
                continue; // not written by Berth: nothing we can run from it without its id
            }
            String name = annotations.path(REF_NAME).asText(null);
            entries.add(new IndexEntry(Digest.parse(manifest.path("digest").asText()),
                    manifest.path("mediaType").asText(), manifest.path("size").asLong(),
                    Digest.parse(id), name == null ? null : ImageReference.parse(name)));
        }
        return entries;
    }

    static void write(Path indexFile, List<IndexEntry> entries) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = root.putArray("manifests");
        for (IndexEntry entry : entries.stream().sorted(ORDER).toList()) {
            ObjectNode descriptor = manifests.addObject();
            descriptor.put("mediaType", entry.mediaType());
            descriptor.put("digest", entry.manifestDigest().toString());
            descriptor.put("size", entry.size());
            ObjectNode annotations = descriptor.putObject("annotations");
            annotations.put(IMAGE_ID, entry.imageId().toString());
            if (entry.reference() != null) {
                annotations.put(REF_NAME, entry.reference().canonical());
            }
        }
        AtomicFiles.write(indexFile, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
