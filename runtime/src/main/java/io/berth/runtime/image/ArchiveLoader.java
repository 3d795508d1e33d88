package io.berth.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker load}: the images of a {@code docker save} archive (manifest.json, config JSON
 * and layer tars) or of an OCI image archive (oci-layout, index.json, blobs), gzip or not.
 * Every blob is checked against its digest and every layer against its diff_id.
 */
public final class ArchiveLoader {
    static final String CONTAINERD_NAME = "io.containerd.image.name";
    private final ImageStore store;
    private final IncomingContent incoming;
    /** Layers stored so far, by their name in the archive (after links): an archive may name one twice. */
    private final Map<String, Descriptor> storedLayers = new HashMap<>();

    public ArchiveLoader(ImageStore store) {
        this.store = store;
        this.incoming = new IncomingContent(store);
    }

    public List<ImageInfo> load(Path archive) throws IOException {
        try {
            return loadAll(archive);
        } catch (IOException | RuntimeException e) {
            incoming.discard(); // nothing of a failed transfer is kept
            throw e;
        }
    }

    private List<ImageInfo> loadAll(Path archive) throws IOException {
        try (ExtractedArchive extracted = ExtractedArchive.extract(archive, store)) {
            if (extracted.has("oci-layout") && extracted.has("index.json")) {
                return loadOci(extracted);
            }
            if (extracted.has("manifest.json")) {
                return loadDockerSave(extracted);
            }
            throw new IOException("neither a docker save archive (no manifest.json) nor an OCI archive"
                    + " (no oci-layout and index.json)");
        }
    }

    private List<ImageInfo> loadDockerSave(ExtractedArchive archive) throws IOException {
        JsonNode manifests = Json.MAPPER.readTree(archive.read("manifest.json"));
        if (manifests == null || !manifests.isArray()) {
            throw new IOException("manifest.json: not a list of images");
        }
        List<ImageInfo> loaded = new ArrayList<>();
        for (JsonNode image : manifests) {
            String configName = image.path("Config").asText("");
            byte[] config = archive.read(configName);
            Digest imageId = incoming.putBlob(config);
            List<Digest> diffIds = ImageConfigs.diffIds(ImageConfigs.parseIncoming(config, configName));
            JsonNode layerNames = image.path("Layers");
            if (layerNames.size() != diffIds.size()) {
                throw new IOException(configName + ": " + layerNames.size() + " layers in manifest.json but "
                        + diffIds.size() + " diff_ids in the config");
            }
            List<Descriptor> layers = new ArrayList<>();
            for (int i = 0; i < diffIds.size(); i++) {
                String layerName = layerNames.get(i).asText();
                layers.add(storeLayer(archive, layerName, null, diffIds.get(i), layerName));
            }
            byte[] manifest = Manifest.ociJson(new Descriptor(MediaTypes.OCI_CONFIG, imageId, config.length), layers);
            Digest manifestDigest = incoming.putBlob(manifest);
            List<ImageReference> names = new ArrayList<>();
            for (JsonNode tag : image.path("RepoTags")) {
                names.add(ImageReference.parse(tag.asText()));
            }
            loaded.add(store.add(new Descriptor(MediaTypes.OCI_MANIFEST, manifestDigest, manifest.length), imageId, names));
        }
        return loaded;
    }

    private List<ImageInfo> loadOci(ExtractedArchive archive) throws IOException {
        JsonNode index = Json.MAPPER.readTree(archive.read("index.json"));
        List<ImageInfo> loaded = new ArrayList<>();
        for (JsonNode entry : index.path("manifests")) {
            Descriptor descriptor = Descriptor.from(entry, "index.json");
            List<ImageReference> names = new ArrayList<>();
            ImageReference name = nameOf(entry.path("annotations"));
            if (name != null) {
                names.add(name);
            }
            Descriptor manifest = platformManifest(archive, descriptor);
            loaded.add(loadOciManifest(archive, manifest, names));
        }
        if (loaded.isEmpty()) {
            throw new IOException("index.json lists no image");
        }
        return loaded;
    }

    /** An index (multi-platform) resolves to the host's platform, as docker load does. */
    private Descriptor platformManifest(ExtractedArchive archive, Descriptor descriptor) throws IOException {
        for (int depth = 0; MediaTypes.isIndex(descriptor.mediaType()); depth++) {
            if (depth > 4) {
                throw new IOException("image indexes nested too deep at " + descriptor.digest());
            }
            byte[] json = verified(archive, descriptor);
            descriptor = PlatformSelector.select(Json.MAPPER.readTree(json), descriptor.digest().toString());
        }
        return descriptor;
    }

    private ImageInfo loadOciManifest(ExtractedArchive archive, Descriptor descriptor, List<ImageReference> names)
            throws IOException {
        byte[] manifestJson = verified(archive, descriptor);
        Manifest manifest = Manifest.parse(manifestJson, "manifest " + descriptor.digest());
        byte[] config = verified(archive, manifest.config());
        Digest imageId = incoming.putBlob(config);
        List<Digest> diffIds = ImageConfigs.diffIds(ImageConfigs.parseIncoming(config, "config " + imageId));
        if (diffIds.size() != manifest.layers().size()) {
            throw new IOException("manifest " + descriptor.digest() + " has " + manifest.layers().size()
                    + " layers but its config " + diffIds.size() + " diff_ids");
        }
        for (int i = 0; i < diffIds.size(); i++) {
            Descriptor layer = manifest.layers().get(i);
            storeLayer(archive, blobName(layer.digest()), layer.digest(), diffIds.get(i), "layer " + layer.digest());
        }
        Digest manifestDigest = incoming.putBlob(manifestJson);
        String mediaType = descriptor.mediaType().isEmpty() ? manifest.mediaType() : descriptor.mediaType();
        return store.add(new Descriptor(mediaType, manifestDigest, manifestJson.length), imageId, names);
    }

    /**
     * The layer the archive has under {@code name}: committed from what was taken in while the
     * archive was read (one pass), else stored and unpacked from the file. Once per name.
     */
    private Descriptor storeLayer(ExtractedArchive archive, String name, Digest expected, Digest diffId, String what)
            throws IOException {
        String key = archive.resolve(name);
        Descriptor blob = storedLayers.get(key);
        if (blob == null) {
            LayerIntake intake = archive.intake(key);
            if (intake != null) {
                Digest unpackedAs = intake.unpacked() == null ? null : diffId;
                blob = incoming.commit(intake, expected, unpackedAs, what).blob();
            } else {
                blob = storeFile(archive.file(key), expected, what);
            }
            storedLayers.put(key, blob);
        }
        if (!store.layers().has(diffId)) {
            // Not unpacked while read (not recognized as a layer, or its unpack failed): from the blob,
            // which says what is wrong with it.
            try (InputStream in = Files.newInputStream(store.blobs().path(blob.digest()))) {
                incoming.unpackLayer(in, diffId, what);
            }
        }
        return blob;
    }

    private Descriptor storeFile(Path file, Digest expected, String what) throws IOException {
        Compression.Kind compression;
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            compression = Compression.detect(in);
        }
        long size = Files.size(file);
        Digest blob = incoming.adoptBlob(file, expected, what);
        return new Descriptor(Compression.layerMediaType(compression), blob, size);
    }

    private static byte[] verified(ExtractedArchive archive, Descriptor descriptor) throws IOException {
        byte[] content = archive.read(blobName(descriptor.digest()));
        Digest actual = Digest.sha256(content);
        if (!actual.equals(descriptor.digest())) {
            throw new DigestMismatchException("blob " + blobName(descriptor.digest()), descriptor.digest(), actual);
        }
        return content;
    }

    private static String blobName(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex();
    }

    /**
     * The name an OCI archive gives an image: containerd's full-name annotation, else the
     * standard ref.name when it is a full reference; a bare tag ("latest") names nothing.
     */
    static ImageReference nameOf(JsonNode annotations) {
        String full = annotations.path(CONTAINERD_NAME).asText("");
        String refName = annotations.path(ReferenceIndex.REF_NAME).asText("");
        String candidate = !full.isEmpty() ? full : (refName.contains("/") || refName.contains(":")) ? refName : "";
        if (candidate.isEmpty()) {
            return null;
        }
        try {
            ImageReference reference = ImageReference.parse(candidate);
            return reference.tag() == null ? null : reference;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
