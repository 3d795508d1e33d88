package io.berth.runtime.image;

import io.berth.runtime.state.AtomicFiles;
import io.berth.runtime.state.StateLock;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the image builder needs of the store, and nothing more: the layers of a base image as a
 * manifest lists them, adding a layer it made (blob and unpacked directory, as a pulled layer is
 * kept), and committing a built image under its tags. The store's layout stays known only here.
 */
public final class BuilderStore {
    private final ImageStore store;

    public BuilderStore(ImageStore store) {
        this.store = store;
    }

    public static BuilderStore open(Path stateRoot) throws IOException {
        return new BuilderStore(ImageStore.open(stateRoot, io.berth.runtime.UnpackLimits.DEFAULT));
    }

    /** A layer of an image: its diff_id and the (compressed) blob a manifest lists. */
    public record Layer(Digest diffId, String mediaType, Digest blob, long blobSize) { }

    /** A stored image: its config JSON and layers, bottom-most first. */
    public record StoredImage(Digest id, byte[] configJson, List<Layer> layers) { }

    public ImageStore imageStore() {
        return store;
    }

    public Optional<ImageInfo> find(String referenceOrId) throws IOException {
        return store.find(referenceOrId);
    }

    public Optional<ImageInfo> resolve(ImageReference reference) throws IOException {
        return store.resolve(reference);
    }

    /** Config and layers of a stored image, its manifest's layer descriptors beside the diff_ids. */
    public StoredImage image(Digest imageId) throws IOException {
        byte[] config = store.configJson(imageId);
        List<Digest> diffIds = ImageConfigs.diffIds(ImageConfigs.parse(config, "image " + imageId));
        IndexEntry entry = IndexNames.entriesOf(ReferenceIndex.read(store.layout().indexFile()), imageId).stream()
                .findFirst().orElseThrow(() -> new ImageNotFoundException(imageId.toString()));
        List<Descriptor> descriptors = Manifest.parse(store.blobs().read(entry.manifestDigest()),
                "manifest of " + imageId).layers();
        if (descriptors.size() != diffIds.size()) {
            throw new IOException("image " + imageId.shortHex() + ": its manifest lists " + descriptors.size()
                    + " layers, its config " + diffIds.size());
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            Descriptor blob = descriptors.get(i);
            layers.add(new Layer(diffIds.get(i), blob.mediaType(), blob.digest(), blob.size()));
        }
        return new StoredImage(imageId, config, List.copyOf(layers));
    }

    /** Whether the layer's unpacked directory and blob are both present (a cache hit may use it). */
    public boolean has(Layer layer) {
        return store.layers().has(layer.diffId()) && store.blobs().has(layer.blob());
    }

    public Path layerDir(Digest diffId) {
        return store.layers().dir(diffId);
    }

    /** A directory for the builder's work files on the store's filesystem (renames into the store work). */
    public Path tmpDir() {
        return store.layout().tmpDir();
    }

    /**
     * Takes a layer the builder made: {@code compressedBlob} (gzip of the tar whose digest is
     * {@code diffId}) is moved into the blobs, {@code unpackedDir} (the same content as a directory
     * in overlay form) moved into the layers. Both files must be under {@link #tmpDir()}.
     */
    public Layer adopt(Path compressedBlob, Digest diffId, long uncompressedSize, Path unpackedDir) throws IOException {
        long blobSize = Files.size(compressedBlob);
        Digest blob = store.blobs().adopt(compressedBlob, null, "built layer " + diffId.shortHex());
        if (!store.layers().has(diffId)) {
            Path target = layerDir(diffId);
            Files.createDirectories(target.getParent());
            AtomicFiles.write(store.layout().layerSize(diffId),
                    Long.toString(uncompressedSize).getBytes(StandardCharsets.US_ASCII));
            try {
                AtomicFiles.move(unpackedDir, target);
                AtomicFiles.fsyncDir(target.getParent());
            } catch (FileSystemException raced) {
                if (!store.layers().has(diffId)) {
                    throw raced;
                }
            }
        }
        return new Layer(diffId, MediaTypes.OCI_LAYER_GZIP, blob, blobSize);
    }

    /** Writes the config and an OCI manifest of {@code layers} and records the image under {@code tags}. */
    public ImageInfo commit(byte[] configJson, List<Layer> layers, List<ImageReference> tags) throws IOException {
        Digest imageId = store.blobs().put(configJson);
        List<Descriptor> descriptors = layers.stream()
                .map(layer -> new Descriptor(layer.mediaType(), layer.blob(), layer.blobSize())).toList();
        byte[] manifest = Manifest.ociJson(new Descriptor(MediaTypes.OCI_CONFIG, imageId, configJson.length), descriptors);
        Digest manifestDigest = store.blobs().put(manifest);
        return store.add(new Descriptor(MediaTypes.OCI_MANIFEST, manifestDigest, manifest.length), imageId, tags);
    }

    /**
     * Deletes layers (blob and directory) the builder made that no image uses any more; returns
     * the bytes given back. Under the store lock, so no image is recorded with them meanwhile.
     */
    public long deleteUnused(List<Layer> candidates) throws IOException {
        try (StateLock lock = StateLock.acquire(store.layout().lockFile())) {
            Set<Digest> liveBlobs = new HashSet<>();
            Set<Digest> liveLayers = new HashSet<>();
            for (IndexEntry entry : ReferenceIndex.read(store.layout().indexFile())) {
                liveBlobs.add(entry.manifestDigest());
                liveBlobs.add(entry.imageId());
                if (store.blobs().has(entry.manifestDigest())) {
                    for (Descriptor layer : Manifest.parse(store.blobs().read(entry.manifestDigest()), "manifest").layers()) {
                        liveBlobs.add(layer.digest());
                    }
                }
                if (store.blobs().has(entry.imageId())) {
                    liveLayers.addAll(ImageConfigs.diffIds(ImageConfigs.parse(store.blobs().read(entry.imageId()), "config")));
                }
            }
            long freed = 0;
            for (Layer layer : candidates) {
                if (!liveBlobs.contains(layer.blob()) && store.blobs().has(layer.blob())) {
                    freed += store.blobs().diskBytes(layer.blob());
                    store.blobs().delete(layer.blob());
                }
                if (!liveLayers.contains(layer.diffId()) && store.layers().has(layer.diffId())) {
                    freed += store.layers().size(layer.diffId());
                    store.layers().delete(layer.diffId());
                }
            }
            return freed;
        }
    }

    /** Reads a stored blob (a base image's config, for instance). */
    public InputStream openBlob(Digest digest) throws IOException {
        return Files.newInputStream(store.blobs().path(digest), LinkOption.NOFOLLOW_LINKS);
    }
}
