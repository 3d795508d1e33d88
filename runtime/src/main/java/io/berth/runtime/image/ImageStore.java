package io.berth.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.UnpackLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image store on disk: blobs, unpacked layers and the reference index (see
 * {@link StoreLayout}). Reads need no lock (every file is replaced by rename); every change of
 * the index happens under the store lock. Safe from several threads and processes.
 */
public final class ImageStore {
    private final StoreLayout layout;
    private final BlobStore blobs;
    private final LayerStore layers;

    private ImageStore(StoreLayout layout, UnpackLimits limits) {
        this.layout = layout;
        this.blobs = new BlobStore(layout);
        this.layers = new LayerStore(layout, limits);
    }

    public static ImageStore open(Path stateRoot, UnpackLimits limits) throws IOException {
        StoreLayout layout = new StoreLayout(stateRoot);
        Files.createDirectories(layout.blobsDir());
        Files.createDirectories(layout.layersDir());
        Files.createDirectories(layout.tmpDir());
        if (!Files.exists(layout.ociLayoutFile())) {
            AtomicFiles.write(layout.ociLayoutFile(),
                    "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        }
        return new ImageStore(layout, limits);
    }

    StoreLayout layout() {
        return layout;
    }

    BlobStore blobs() {
        return blobs;
    }

    LayerStore layers() {
        return layers;
    }

    // ---- reading ------------------------------------------------------------------------

    public List<ImageInfo> list() throws IOException {
        Map<Digest, List<IndexEntry>> byImage = groupByImage(ReferenceIndex.read(layout.indexFile()));
        List<ImageInfo> images = new ArrayList<>();
        for (List<IndexEntry> entries : byImage.values()) {
            images.add(info(entries));
        }
        images.sort(Comparator.comparing(ImageInfo::createdAt).reversed().thenComparing(i -> i.id().hex()));
        return images;
    }

    public Optional<ImageInfo> resolve(ImageReference reference) throws IOException {
        List<IndexEntry> all = ReferenceIndex.read(layout.indexFile());
        Optional<Digest> id = all.stream().filter(e -> matches(e, reference)).map(IndexEntry::imageId).findFirst();
        return id.map(imageId -> entriesOf(all, imageId)).map(this::infoUnchecked);
    }

    /**
     * An image by what a person typed: a reference (busybox, busybox:1), a full id
     * (sha256:HEX) or a unique prefix of the id's hex, tried in that order as Docker does.
     */
    public Optional<ImageInfo> find(String text) throws IOException {
        List<IndexEntry> all = ReferenceIndex.read(layout.indexFile());
        return findId(all, text).map(imageId -> entriesOf(all, imageId)).map(this::infoUnchecked);
    }

    public List<Path> layerDirs(Digest imageId) throws IOException {
        List<Digest> diffIds = ImageConfigs.diffIds(ImageConfigs.parse(blobs.read(imageId), "image " + imageId));
        List<Path> dirs = new ArrayList<>();
        for (int i = diffIds.size() - 1; i >= 0; i--) { // overlayfs lowerdir order: top-most first
            Path dir = layers.dir(diffIds.get(i));
            if (!Files.isDirectory(dir)) {
                throw new IOException("image " + imageId.shortHex() + ": layer " + diffIds.get(i)
                        + " is not unpacked (store damaged? pull or load the image again)");
            }
            dirs.add(dir);
        }
        return dirs;
    }

    public byte[] configJson(Digest imageId) throws IOException {
        return blobs.read(imageId);
    }

    public ImageInfo info(Digest imageId) throws IOException {
        List<IndexEntry> entries = entriesOf(ReferenceIndex.read(layout.indexFile()), imageId);
        if (entries.isEmpty()) {
            throw new IOException("no image " + imageId);
        }
        return info(entries);
    }

    // ---- changing -------------------------------------------------------------------------

    /**
     * Records a stored image (manifest, config and layers already in place) under
     * {@code references}; a reference that named another image moves here, and an image left
     * with no name stays as a dangling image, as in Docker.
     */
    public ImageInfo add(Descriptor manifest, Digest imageId, List<ImageReference> references) throws IOException {
        try (StoreLock lock = StoreLock.acquire(layout.lockFile())) {
            StoreGarbage.checkComplete(this, manifest.digest(), imageId);
            List<IndexEntry> entries = new ArrayList<>(ReferenceIndex.read(layout.indexFile()));
            for (ImageReference reference : references) {
                ImageReference named = withoutDigest(reference);
                replaceName(entries, named);
                entries.add(new IndexEntry(manifest.digest(), manifest.mediaType(), manifest.size(), imageId, named));
            }
            if (entries.stream().noneMatch(e -> e.imageId().equals(imageId))) {
                entries.add(new IndexEntry(manifest.digest(), manifest.mediaType(), manifest.size(), imageId, null));
            }
            ReferenceIndex.write(layout.indexFile(), entries);
            return info(entriesOf(entries, imageId));
        }
    }

    public void tag(String source, ImageReference target) throws IOException {
        try (StoreLock lock = StoreLock.acquire(layout.lockFile())) {
            List<IndexEntry> entries = new ArrayList<>(ReferenceIndex.read(layout.indexFile()));
            Digest imageId = findId(entries, source).orElseThrow(() -> new ImageNotFoundException(source));
            IndexEntry any = entriesOf(entries, imageId).get(0);
            ImageReference named = withoutDigest(target);
            replaceName(entries, named);
            entries.removeIf(e -> e.imageId().equals(imageId) && e.reference() == null);
            entries.add(any.withReference(named));
            ReferenceIndex.write(layout.indexFile(), entries);
        }
    }

    /** Docker's rmi: untags a name; deletes the image with its last name, or by id. */
    public io.berth.runtime.ImageRemoval remove(String text, boolean force) throws IOException {
        try (StoreLock lock = StoreLock.acquire(layout.lockFile())) {
            List<IndexEntry> entries = new ArrayList<>(ReferenceIndex.read(layout.indexFile()));
            Digest imageId = findId(entries, text).orElseThrow(() -> new ImageNotFoundException(text));
            List<IndexEntry> before = entriesOf(entries, imageId);
            List<ImageReference> untagged = new ArrayList<>();
            ImageReference asName = parseOrNull(text);
            boolean byName = asName != null && entries.stream().anyMatch(e -> matches(e, asName));
            if (byName) {
                IndexEntry named = entries.stream().filter(e -> matches(e, asName)).findFirst().orElseThrow();
                entries.remove(named);
                untagged.add(named.reference());
            } else {
                List<IndexEntry> names = entriesOf(entries, imageId).stream().filter(e -> e.reference() != null).toList();
                if (names.size() > 1 && !force) {
                    throw new ImageConflictException("unable to delete " + imageId.shortHex()
                            + " (must be forced): image is referenced in multiple repositories");
                }
                names.forEach(e -> untagged.add(e.reference()));
                entries.removeIf(e -> e.imageId().equals(imageId));
            }
            List<Digest> deleted = new ArrayList<>();
            if (entries.stream().noneMatch(e -> e.imageId().equals(imageId))) {
                entries.removeIf(e -> e.imageId().equals(imageId));
                deleted.add(imageId);
            }
            ReferenceIndex.write(layout.indexFile(), entries);
            if (!deleted.isEmpty()) {
                StoreGarbage.collect(this, entries, before);
            }
            return new io.berth.runtime.ImageRemoval(untagged, deleted);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private Optional<Digest> findId(List<IndexEntry> entries, String text) {
        ImageReference reference = parseOrNull(text);
        if (reference != null) {
            Optional<Digest> byName = entries.stream().filter(e -> matches(e, reference))
                    .map(IndexEntry::imageId).findFirst();
            if (byName.isPresent()) {
                return byName;
            }
        }
        String hex = text.startsWith("sha256:") ? text.substring("sha256:".length()) : text;
        if (hex.isEmpty() || !hex.matches("[0-9a-f]{1,64}")) {
            return Optional.empty();
        }
        List<Digest> ids = entries.stream().map(IndexEntry::imageId).filter(id -> id.hex().startsWith(hex))
                .distinct().toList();
        return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
    }

    private static ImageReference parseOrNull(String text) {
        try {
            return ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean matches(IndexEntry entry, ImageReference reference) {
        ImageReference name = entry.reference();
        if (name == null || !name.name().equals(reference.name())) {
            return false;
        }
        if (reference.digest() != null) {
            return entry.manifestDigest().equals(reference.digest());
        }
        return java.util.Objects.equals(name.tag(), reference.tag());
    }

    private static ImageReference withoutDigest(ImageReference reference) {
        // A name in the store is name:tag, or name@digest for an image pulled by digest alone.
        return reference.tag() != null ? reference.withTag(reference.tag()) : reference;
    }

    /** Takes {@code name} from whatever image had it; that image stays as dangling if it was its last. */
    private static void replaceName(List<IndexEntry> entries, ImageReference name) {
        for (int i = 0; i < entries.size(); i++) {
            IndexEntry entry = entries.get(i);
            if (name.equals(entry.reference())) {
                Digest previous = entry.imageId();
                entries.remove(i);
                if (entries.stream().noneMatch(e -> e.imageId().equals(previous))) {
                    entries.add(entry.withReference(null));
                }
                return;
            }
        }
    }

    static List<IndexEntry> entriesOf(List<IndexEntry> entries, Digest imageId) {
        return entries.stream().filter(e -> e.imageId().equals(imageId)).toList();
    }

    private static Map<Digest, List<IndexEntry>> groupByImage(List<IndexEntry> entries) {
        Map<Digest, List<IndexEntry>> byImage = new LinkedHashMap<>();
        for (IndexEntry entry : entries) {
            byImage.computeIfAbsent(entry.imageId(), id -> new ArrayList<>()).add(entry);
        }
        return byImage;
    }

    private ImageInfo infoUnchecked(List<IndexEntry> entries) {
        try {
            return info(entries);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ImageInfo info(List<IndexEntry> entries) throws IOException {
        IndexEntry first = entries.get(0);
        JsonNode config = ImageConfigs.parse(blobs.read(first.imageId()), "image " + first.imageId());
        long size = 0;
        Path manifestPath = blobs.path(first.manifestDigest());
        if (Files.exists(manifestPath)) {
            for (Descriptor layer : Manifest.parse(Files.readAllBytes(manifestPath), "manifest").layers()) {
                size += Math.max(0, layer.size());
            }
        }
        List<ImageReference> references = entries.stream().map(IndexEntry::reference)
                .filter(java.util.Objects::nonNull).sorted(Comparator.comparing(ImageReference::canonical)).toList();
        return new ImageInfo(first.imageId(), references, size, ImageConfigs.created(config),
                ImageConfigs.runConfig(config));
    }
}
