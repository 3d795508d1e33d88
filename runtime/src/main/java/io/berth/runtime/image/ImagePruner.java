package io.berth.runtime.image;

import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImagePrune;
import io.berth.runtime.ImageRemoval;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * docker image prune: removes the dangling images (no name left), or with {@code all} every
 * image, that no container was created from. The space reclaimed is what the removed layers
 * took unpacked plus the removed blobs, counted only for what is really gone from the disk.
 */
public final class ImagePruner {
    private final ImageStore store;

    public ImagePruner(ImageStore store) {
        this.store = store;
    }

    public ImagePrune prune(boolean all, Function<Digest, List<String>> usersOf) throws IOException {
        List<ImageRemoval> removals = new ArrayList<>();
        long reclaimed = 0;
        for (ImageInfo image : store.list()) {
            if ((!all && !image.references().isEmpty()) || !usersOf.apply(image.id()).isEmpty()) {
                continue;
            }
            Map<Digest, Long> content = contentOf(image.id());
            try {
                removals.add(store.remove(image.id().toString(), true, usersOf));
            } catch (ImageNotFoundException gone) {
                continue; // removed meanwhile by someone else
            }
            for (Map.Entry<Digest, Long> item : content.entrySet()) {
                boolean gone = !store.blobs().has(item.getKey()) && !store.layers().has(item.getKey());
                reclaimed += gone ? item.getValue() : 0;
            }
        }
        return new ImagePrune(removals, reclaimed);
    }

    /** The image's blobs (by size on disk) and unpacked layers (by their recorded size). */
    private Map<Digest, Long> contentOf(Digest imageId) throws IOException {
        Map<Digest, Long> content = new LinkedHashMap<>();
        for (IndexEntry entry : IndexNames.entriesOf(ReferenceIndex.read(store.layout().indexFile()), imageId)) {
            content.put(entry.manifestDigest(), blobSize(entry.manifestDigest()));
            content.put(imageId, blobSize(imageId));
            if (store.blobs().has(entry.manifestDigest())) {
                for (Descriptor layer : Manifest.parse(store.blobs().read(entry.manifestDigest()), "manifest").layers()) {
                    content.put(layer.digest(), blobSize(layer.digest()));
                }
            }
        }
        if (store.blobs().has(imageId)) {
            for (Digest diffId : ImageConfigs.diffIds(ImageConfigs.parse(store.blobs().read(imageId), "config"))) {
                content.merge(diffId, store.layers().size(diffId), Long::sum);
            }
        }
        return content;
    }

    private long blobSize(Digest blob) {
        try {
            return store.blobs().diskBytes(blob);
        } catch (IOException e) {
            return 0;
        }
    }
}
