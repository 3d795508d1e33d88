package io.berth.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.UnpackLimits;
import io.berth.runtime.state.AtomicFiles;
import io.berth.runtime.state.StateLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Instant;

/**
 * The image store on disk: blobs, unpacked layers and the reference index (see
 * {@link StoreLayout}). Reads need no lock (every file is replaced by rename); every change of
 * the index happens under the store lock. Safe from several threads and processes.
 */
public final class ImageStore {
    private final StoreLayout layout;
    private final BlobStore blobs;
    private final LayerStore layers;
    private final UnpackLimits limits;

    private ImageStore(StoreLayout layout, UnpackLimits limits) {
        this.layout = layout;
        this.limits = limits;
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
        removeStaleTemps(layout.tmpDir());
        return new ImageStore(layout, limits);
    }

    /**
     * Temp files of a load, pull or unpack that died (killed process, full disk). Only old ones:
     * a younger one may belong to another process working right now.
     */
    private static void removeStaleTemps(Path tmpDir) {
        java.time.Instant cutoff = java.time.Instant.now().minus(java.time.Duration.ofHours(24));
        try (var entries = Files.list(tmpDir)) {
            for (Path entry : entries.toList()) {
                if (Files.getLastModifiedTime(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
                    FileTrees.deleteRecursively(entry);
                }
            }
        } catch (IOException e) {
            // Cleaning up is a courtesy; the store works without it.
        }
    }

    UnpackLimits limits() {
        return limits;
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
        Map<Digest, List<IndexEntry>> byImage = IndexNames.groupByImage(ReferenceIndex.read(layout.indexFile()));
        List<ImageInfo> images = new ArrayList<>();
        for (List<IndexEntry> entries : byImage.values()) {
            images.add(info(entries));
        }
        images.sort(Comparator.comparing(ImageInfo::createdAt).reversed().thenComparing(i -> i.id().hex()));
        return images;
    }

    public Optional<ImageInfo> resolve(ImageReference reference) throws IOException {
        List<IndexEntry> all = ReferenceIndex.read(layout.indexFile());
        Optional<Digest> id = all.stream().filter(e -> IndexNames.matches(e, reference)).map(IndexEntry::imageId).findFirst();
        return id.map(imageId -> IndexNames.entriesOf(all, imageId)).map(this::infoUnchecked);
    }

    /**
     * An image by what a person typed: a reference (busybox, busybox:1), a full id
     * (sha256:HEX) or a unique prefix of the id's hex, tried in that order as Docker does.
     */
    public Optional<ImageInfo> find(String text) throws IOException {
        List<IndexEntry> all = ReferenceIndex.read(layout.indexFile());
        return IndexNames.findId(all, text).map(imageId -> IndexNames.entriesOf(all, imageId)).map(this::infoUnchecked);
    }

    public List<Path> layerDirs(Digest imageId) throws IOException {
        List<Digest> diffIds = ImageConfigs.diffIds(ImageConfigs.parse(configJson(imageId), "image " + imageId));
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
        try {
            return blobs.read(imageId);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ImageNotFoundException(imageId.toString());
        }
    }

    public ImageInfo info(Digest imageId) throws IOException {
        List<IndexEntry> entries = IndexNames.entriesOf(ReferenceIndex.read(layout.indexFile()), imageId);
        if (entries.isEmpty()) {
            throw new IOException("no image " + imageId);
        }
        return info(entries);
    }

    /** Whether any recorded image uses {@code blob} (as manifest, config or layer). */
    boolean isReferenced(Digest blob) throws IOException {
        for (IndexEntry entry : ReferenceIndex.read(layout.indexFile())) {
            if (entry.manifestDigest().equals(blob) || entry.imageId().equals(blob)) {
                return true;
            }
            if (Manifest.parse(blobs.read(entry.manifestDigest()), "manifest").layers().stream()
                    .anyMatch(layer -> layer.digest().equals(blob))) {
                return true;
            }
        }
        return false;
    }

    /** Whether any recorded image has the unpacked layer {@code diffId}. */
    boolean isLayerReferenced(Digest diffId) throws IOException {
        for (IndexEntry entry : ReferenceIndex.read(layout.indexFile())) {
            if (blobs.has(entry.imageId())
                    && ImageConfigs.diffIds(ImageConfigs.parse(blobs.read(entry.imageId()), "config")).contains(diffId)) {
                return true;
            }
        }
        return false;
    }

    // ---- changing -------------------------------------------------------------------------

    /**
     * Records a stored image (manifest, config and layers already in place) under
     * {@code references}; a reference that named another image moves here, and an image left
     * with no name stays as a dangling image, as in Docker.
     */
    public ImageInfo add(Descriptor manifest, Digest imageId, List<ImageReference> references) throws IOException {
        try (StateLock lock = StateLock.acquire(layout.lockFile())) {
            StoreGarbage.checkComplete(this, manifest.digest(), imageId);
            List<IndexEntry> before = ReferenceIndex.read(layout.indexFile());
            List<IndexEntry> entries = new ArrayList<>(before);
            for (ImageReference reference : references) {
                ImageReference named = IndexNames.storedName(reference);
                IndexNames.replaceName(entries, named);
                entries.add(new IndexEntry(manifest.digest(), manifest.mediaType(), manifest.size(), imageId, named));
            }
            if (entries.stream().noneMatch(e -> e.imageId().equals(imageId))) {
                entries.add(new IndexEntry(manifest.digest(), manifest.mediaType(), manifest.size(), imageId, null));
            }
            // the same image under the same names (a rebuild from the cache): nothing to write
            if (entries.size() != before.size() || !new java.util.HashSet<>(entries).equals(new java.util.HashSet<>(before))) {
                ReferenceIndex.write(layout.indexFile(), entries);
            }
            return info(IndexNames.entriesOf(entries, imageId));
        }
    }

    /**
     * Docker's RepoDigests: {@code repository@manifest-digest} for each name of the image that was
     * pulled from a registry (where that digest means something), and each name by digest (the
     * digest it was pulled by: an index's when it was one); sorted.
     */
    public List<String> repoDigests(Digest imageId) throws IOException {
        Map<String, Instant> pulled = PullTimes.read(layout.pullTimesFile());
        java.util.TreeSet<String> digests = new java.util.TreeSet<>();
        for (IndexEntry entry : IndexNames.entriesOf(ReferenceIndex.read(layout.indexFile()), imageId)) {
            ImageReference name = entry.reference();
            if (name != null && (name.digest() != null || pulled.containsKey(name.canonical()))) {
                digests.add(name.familiarName() + "@" + (name.digest() != null ? name.digest() : entry.manifestDigest()));
            }
        }
        return List.copyOf(digests);
    }

    /** Records that {@code reference} was pulled just now (for pull_policy daily, weekly, every_). */
    void recordPull(ImageReference reference, Instant when) throws IOException {
        try (StateLock lock = StateLock.acquire(layout.lockFile())) {
            PullTimes.record(layout.pullTimesFile(), IndexNames.storedName(reference), when);
        }
    }

    public void tag(String source, ImageReference target) throws IOException {
        try (StateLock lock = StateLock.acquire(layout.lockFile())) {
            List<IndexEntry> entries = new ArrayList<>(ReferenceIndex.read(layout.indexFile()));
            Digest imageId = IndexNames.findId(entries, source).orElseThrow(() -> new ImageNotFoundException(source));
            IndexEntry any = IndexNames.entriesOf(entries, imageId).get(0);
            ImageReference named = IndexNames.storedName(target);
            IndexNames.replaceName(entries, named);
            entries.removeIf(e -> e.imageId().equals(imageId) && e.reference() == null);
            entries.add(any.withReference(named));
            ReferenceIndex.write(layout.indexFile(), entries);
        }
    }

    /**
     * Docker's rmi: untags a name; deletes the image with its last name, or by id. An image that
     * {@code usersOf} names containers for is never deleted (their root file systems are its
     * layers): refused, or with {@code force} untagged and kept as a dangling image, as Docker does.
     */
    public io.berth.runtime.ImageRemoval remove(String text, boolean force,
            java.util.function.Function<Digest, List<String>> usersOf) throws IOException {
        try (StateLock lock = StateLock.acquire(layout.lockFile())) {
            return ImageRmi.removeLocked(this, text, force, usersOf);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

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
        for (Digest diffId : ImageConfigs.diffIds(config)) {
            size += layers.size(diffId); // uncompressed, as docker images shows it
        }
        List<ImageReference> references = entries.stream().map(IndexEntry::reference)
                .filter(java.util.Objects::nonNull).sorted(Comparator.comparing(ImageReference::canonical)).toList();
        Map<String, Instant> pulled = new java.util.TreeMap<>(PullTimes.read(layout.pullTimesFile()));
        pulled.keySet().retainAll(references.stream().map(ImageReference::canonical).toList());
        return new ImageInfo(first.imageId(), references, size, ImageConfigs.created(config),
                ImageConfigs.runConfig(config), pulled, Platform.of(config));
    }
}
