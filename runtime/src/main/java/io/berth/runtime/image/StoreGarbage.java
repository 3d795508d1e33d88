package io.berth.runtime.image;

import io.berth.runtime.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes the blobs and unpacked layers of removed images that no remaining image uses.
 * Runs under the store lock; {@link #checkComplete} (also under it) makes an image that raced
 * with a removal fail loudly instead of being recorded with a missing layer.
 */
final class StoreGarbage {
    private StoreGarbage() {
    }

    static void collect(ImageStore store, List<IndexEntry> remaining, List<IndexEntry> removed) throws IOException {
        Set<Digest> liveBlobs = new HashSet<>();
        Set<Digest> liveLayers = new HashSet<>();
        for (IndexEntry entry : remaining) {
            addContent(store, entry.manifestDigest(), entry.imageId(), liveBlobs, liveLayers);
        }
        Set<Digest> deadBlobs = new HashSet<>();
        Set<Digest> deadLayers = new HashSet<>();
        for (IndexEntry entry : removed) {
            addContent(store, entry.manifestDigest(), entry.imageId(), deadBlobs, deadLayers);
        }
        deadBlobs.removeAll(liveBlobs);
        deadLayers.removeAll(liveLayers);
        for (Digest blob : deadBlobs) {
            store.blobs().delete(blob);
        }
        for (Digest layer : deadLayers) {
            store.layers().delete(layer);
        }
    }

    static void checkComplete(ImageStore store, Digest manifest, Digest imageId) throws IOException {
        if (!store.blobs().has(manifest) || !store.blobs().has(imageId)) {
            throw new IOException("image " + imageId.shortHex() + " lost its manifest or config to a concurrent"
                    + " removal; try again");
        }
        for (Digest diffId : ImageConfigs.diffIds(ImageConfigs.parse(store.blobs().read(imageId), "config"))) {
            if (!store.layers().has(diffId)) {
                throw new IOException("image " + imageId.shortHex() + ": layer " + diffId.shortHex()
                        + " was removed concurrently; try again");
            }
        }
    }

    private static void addContent(ImageStore store, Digest manifest, Digest imageId, Set<Digest> blobs,
                                   Set<Digest> layers) throws IOException {
        blobs.add(manifest);
        blobs.add(imageId);
        if (store.blobs().has(manifest)) {
            for (Descriptor layer : Manifest.parse(store.blobs().read(manifest), "manifest " + manifest).layers()) {
                blobs.add(layer.digest());
            }
        }
        if (store.blobs().has(imageId)) {
            layers.addAll(ImageConfigs.diffIds(ImageConfigs.parse(store.blobs().read(imageId), "config")));
        }
    }
}
