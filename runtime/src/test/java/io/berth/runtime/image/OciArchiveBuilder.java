package io.berth.runtime.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.runtime.Digest;
import io.berth.testfixtures.TarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** One-layer OCI image archives for tests, able to lie about the layer digest or diff_id. */
final class OciArchiveBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final byte[] layerTar;
    private boolean gzip = true;
    private String claimedLayerDigest;
    private String claimedDiffId;
    private String name = "docker.io/library/crafted:test";
    private String architecture = Platform.architecture();
    private final Map<String, byte[]> extraBlobs = new LinkedHashMap<>();
    private boolean multiPlatform;
    private String secondName;

    OciArchiveBuilder(byte[] layerTar) {
        this.layerTar = layerTar;
    }

    OciArchiveBuilder uncompressed() {
        gzip = false;
        return this;
    }

    OciArchiveBuilder claimLayerDigest(String digest) {
        claimedLayerDigest = digest;
        return this;
    }

    OciArchiveBuilder claimDiffId(String diffId) {
        claimedDiffId = diffId;
        return this;
    }

    OciArchiveBuilder name(String fullName) {
        name = fullName;
        return this;
    }

    /** The architecture its config (and its entry in a multi-platform index) names; the host's by default. */
    OciArchiveBuilder architecture(String name) {
        architecture = name;
        return this;
    }

    /**
     * Puts the image behind an OCI index that also lists a linux/arm64 image (its own config,
     * same layer) before the host's, as multi-platform images on Docker Hub are.
     */
    OciArchiveBuilder multiPlatform() {
        multiPlatform = true;
        return this;
    }

    /** Lists the image a second time in index.json under {@code fullName}, as Docker 25+'s save of two names does. */
    OciArchiveBuilder alsoNamed(String fullName) {
        secondName = fullName;
        return this;
    }

    String diffId() {
        return Digest.sha256(layerTar).toString();
    }

    /** The image's config digest (its id) as it will be loaded. */
    String configDigest() throws IOException {
        return Digest.sha256(config()).toString();
    }

    private byte[] config() throws IOException {
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", architecture).put("os", "linux").put("created", "2024-01-01T00:00:00Z");
        config.putObject("config").putArray("Cmd").add("sh");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(claimedDiffId != null ? claimedDiffId : diffId());
        return JSON.writeValueAsBytes(config);
    }

    Path write(Path file) throws IOException {
        byte[] layer = gzip ? TarBuilder.gzip(layerTar) : layerTar;
        String layerDigest = claimedLayerDigest != null ? claimedLayerDigest : Digest.sha256(layer).toString();
        byte[] config = config();
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.putObject("config").put("mediaType", MediaTypes.OCI_CONFIG)
                .put("digest", Digest.sha256(config).toString()).put("size", config.length);
        manifest.putArray("layers").addObject()
                .put("mediaType", gzip ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER)
                .put("digest", layerDigest).put("size", layer.length);
        byte[] manifestJson = JSON.writeValueAsBytes(manifest);
        String topType = MediaTypes.OCI_MANIFEST;
        byte[] top = manifestJson;
        if (multiPlatform) {
            String hostArch = architecture;
            architecture = hostArch.equals("arm64") ? "amd64" : "arm64";
            byte[] otherConfig = config();
            architecture = hostArch;
            ObjectNode otherManifest = manifest.deepCopy();
            ((ObjectNode) otherManifest.get("config")).put("digest", Digest.sha256(otherConfig).toString())
                    .put("size", otherConfig.length);
            byte[] otherManifestJson = JSON.writeValueAsBytes(otherManifest);
            extraBlobs.put(Digest.sha256(otherConfig).toString(), otherConfig);
            extraBlobs.put(Digest.sha256(otherManifestJson).toString(), otherManifestJson);
            extraBlobs.put(Digest.sha256(manifestJson).toString(), manifestJson);
            ObjectNode platformIndex = JSON.createObjectNode();
            platformIndex.put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
            var list = platformIndex.putArray("manifests");
            list.addObject().put("mediaType", MediaTypes.OCI_MANIFEST)
                    .put("digest", Digest.sha256(otherManifestJson).toString()).put("size", otherManifestJson.length)
                    .putObject("platform").put("os", "linux").put("architecture", hostArch.equals("arm64") ? "amd64" : "arm64");
            list.addObject().put("mediaType", MediaTypes.OCI_MANIFEST)
                    .put("digest", Digest.sha256(manifestJson).toString()).put("size", manifestJson.length)
                    .putObject("platform").put("os", "linux").put("architecture", hostArch);
            top = JSON.writeValueAsBytes(platformIndex);
            topType = MediaTypes.OCI_INDEX;
        }
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        ObjectNode descriptor = index.putArray("manifests").addObject().put("mediaType", topType)
                .put("digest", Digest.sha256(top).toString()).put("size", top.length);
        descriptor.putObject("annotations").put("org.opencontainers.image.ref.name", "test")
                .put(ArchiveLoader.CONTAINERD_NAME, name);
        if (secondName != null) {
            ObjectNode second = ((com.fasterxml.jackson.databind.node.ArrayNode) index.get("manifests")).addObject();
            second.setAll(descriptor.deepCopy());
            second.putObject("annotations").put(ArchiveLoader.CONTAINERD_NAME, secondName);
        }
        TarBuilder tar = new TarBuilder()
                .file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
                .file("index.json", new String(JSON.writeValueAsBytes(index), StandardCharsets.UTF_8))
                .file(blob(Digest.sha256(top).toString()), top, 0644, 0, 0)
                .file(blob(Digest.sha256(config).toString()), config, 0644, 0, 0)
                .file(blob(layerDigest), layer, 0644, 0, 0);
        extraBlobs.forEach((digest, content) -> tar.file(blob(digest), content, 0644, 0, 0));
        Files.write(file, tar.bytes());
        return file;
    }

    private static String blob(String digest) {
        return "blobs/sha256/" + digest.substring("sha256:".length());
    }
}
