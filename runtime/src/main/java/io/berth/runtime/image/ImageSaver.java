package io.berth.runtime.image;

import io.berth.runtime.state.AtomicFiles;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageReference;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * docker save: one tar with Docker's manifest.json (config and layer paths, RepoTags), which
 * every docker load reads, the blobs at blobs/sha256/HEX as Docker 25+ lays them out; or, as
 * {@link Format#OCI}, an OCI image layout (oci-layout, index.json with one entry per name, the
 * manifests too) that skopeo's and umoci's oci transports read. Blobs go in as stored (layers
 * still compressed: docker load decompresses them). The file appears whole or not at all.
 */
public final class ImageSaver {
    /** What the archive is laid out as. */
    public enum Format { DOCKER, OCI }

    private final ImageStore store;
    private final Format format;

    public ImageSaver(ImageStore store) {
        this(store, Format.DOCKER);
    }

    public ImageSaver(ImageStore store, Format format) {
        this.store = store;
        this.format = format;
    }

    public void save(List<String> imagesToSave, Path output) throws IOException {
        List<IndexEntry> all = ReferenceIndex.read(store.layout().indexFile());
        Map<Digest, Set<ImageReference>> tagsByImage = new LinkedHashMap<>();
        Map<Digest, IndexEntry> entryByImage = new LinkedHashMap<>();
        for (String text : imagesToSave) {
            Digest imageId = IndexNames.findId(all, text).orElseThrow(() -> new ImageNotFoundException(text));
            IndexEntry any = IndexNames.entriesOf(all, imageId).get(0);
            entryByImage.putIfAbsent(imageId, any);
            Set<ImageReference> tags = tagsByImage.computeIfAbsent(imageId, id -> new LinkedHashSet<>());
            ImageReference asName = IndexNames.parseOrNull(text);
            all.stream().filter(e -> asName != null && IndexNames.matches(e, asName) && e.reference().tag() != null)
                    .findFirst().ifPresent(e -> tags.add(e.reference()));
        }
        Path dir = output.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + output.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(new java.io.BufferedOutputStream(out, 1 << 16))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                if (format == Format.OCI) {
                    writeOci(tar, entryByImage, tagsByImage);
                } else {
                    write(tar, entryByImage, tagsByImage);
                }
                tar.finish();
                tar.flush();
                channel.force(true);
            }
            AtomicFiles.move(temp, output);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void write(TarArchiveOutputStream tar, Map<Digest, IndexEntry> entryByImage,
                       Map<Digest, Set<ImageReference>> tagsByImage) throws IOException {
        Set<Digest> written = new LinkedHashSet<>();
        ArrayNode dockerManifest = Json.MAPPER.createArrayNode();
        for (Map.Entry<Digest, IndexEntry> image : entryByImage.entrySet()) {
            IndexEntry entry = image.getValue();
            Manifest manifest = Manifest.parse(store.blobs().read(entry.manifestDigest()), "manifest " + entry.manifestDigest());
            List<Digest> blobs = new ArrayList<>(List.of(manifest.config().digest()));
            manifest.layers().forEach(layer -> blobs.add(layer.digest()));
            for (Digest blob : blobs) {
                if (written.add(blob)) {
                    putFile(tar, blobPath(blob), store.blobs().path(blob));
                }
            }
            ObjectNode saved = dockerManifest.addObject();
            saved.put("Config", blobPath(manifest.config().digest()));
            ArrayNode repoTags = saved.putArray("RepoTags");
            tagsByImage.get(image.getKey()).forEach(tag -> repoTags.add(tag.familiar()));
            ArrayNode layers = saved.putArray("Layers");
            manifest.layers().forEach(layer -> layers.add(blobPath(layer.digest())));
        }
        putBytes(tar, "manifest.json", Json.MAPPER.writeValueAsBytes(dockerManifest));
    }

    /** An OCI layout: every blob (manifests too), index.json naming each image once per name given. */
    private void writeOci(TarArchiveOutputStream tar, Map<Digest, IndexEntry> entryByImage,
                          Map<Digest, Set<ImageReference>> tagsByImage) throws IOException {
        Set<Digest> written = new LinkedHashSet<>();
        ObjectNode index = Json.MAPPER.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (Map.Entry<Digest, IndexEntry> image : entryByImage.entrySet()) {
            IndexEntry entry = image.getValue();
            Manifest manifest = Manifest.parse(store.blobs().read(entry.manifestDigest()), "manifest " + entry.manifestDigest());
            List<Digest> blobs = new ArrayList<>(List.of(entry.manifestDigest(), manifest.config().digest()));
            manifest.layers().forEach(layer -> blobs.add(layer.digest()));
            for (Digest blob : blobs) {
                if (written.add(blob)) {
                    putFile(tar, blobPath(blob), store.blobs().path(blob));
                }
            }
            Descriptor descriptor = new Descriptor(entry.mediaType(), entry.manifestDigest(), entry.size());
            Set<ImageReference> tags = tagsByImage.get(image.getKey());
            if (tags.isEmpty()) {
                manifests.add(descriptor.toJson()); // saved by id: no name
            }
            for (ImageReference tag : tags) {
                ObjectNode named = descriptor.toJson();
                manifests.add(named);
                ObjectNode annotations = named.putObject("annotations");
                annotations.put(ArchiveLoader.CONTAINERD_NAME, tag.canonical());
                annotations.put(ReferenceIndex.REF_NAME, tag.tag()); // the OCI layout's short name
            }
        }
        putBytes(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        putBytes(tar, "index.json", Json.MAPPER.writeValueAsBytes(index));
    }

    private static String blobPath(Digest digest) {
        return "blobs/sha256/" + digest.hex();
    }

    private static void putFile(TarArchiveOutputStream tar, String name, Path file) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(Files.size(file));
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
    }

    private static void putBytes(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
