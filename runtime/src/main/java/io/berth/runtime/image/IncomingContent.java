package io.berth.runtime.image;

import io.berth.runtime.Digest;
import io.berth.runtime.state.StateLock;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blobs and layers one load, pull or import added to the store, so that a failed one (a digest
 * or diff_id mismatch, a truncated archive, a refused config) takes back what it added and no
 * image uses: "nothing is kept" holds for the layers that came before the bad one too.
 */
final class IncomingContent {
    private final ImageStore store;
    private final Set<Digest> blobs = ConcurrentHashMap.newKeySet();
    private final Set<Digest> layers = ConcurrentHashMap.newKeySet();

    IncomingContent(ImageStore store) {
        this.store = store;
    }

    Digest putBlob(byte[] content) throws IOException {
        boolean had = store.blobs().has(Digest.sha256(content));
        Digest digest = store.blobs().put(content);
        if (!had) {
            blobs.add(digest);
        }
        return digest;
    }

    Digest putBlob(InputStream in, Digest expected, String what) throws IOException {
        boolean had = expected != null && store.blobs().has(expected);
        Digest digest = store.blobs().put(in, expected, what);
        if (!had) {
            blobs.add(digest);
        }
        return digest;
    }

    Digest adoptBlob(java.nio.file.Path file, Digest expected, String what) throws IOException {
        boolean had = expected != null && store.blobs().has(expected);
        Digest digest = store.blobs().adopt(file, expected, what);
        if (!had) {
            blobs.add(digest);
        }
        return digest;
    }

    Digest unpackLayer(InputStream compressed, Digest diffId, String what) throws IOException {
        boolean had = diffId != null && store.layers().has(diffId);
        Digest actual = store.layers().unpack(compressed, diffId, what);
        if (!had) {
            layers.add(actual);
        }
        return actual;
    }

    /** After a failure: removes what was added and no recorded image uses. Never throws: the failure is the news. */
    void discard() {
        try (StateLock lock = StateLock.acquire(store.layout().lockFile())) {
            for (Digest blob : blobs) {
                if (!store.isReferenced(blob)) {
                    store.blobs().delete(blob);
                }
            }
            for (Digest layer : layers) {
                if (!store.isLayerReferenced(layer)) {
                    store.layers().delete(layer);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: could not remove what a failed image transfer left: " + e.getMessage());
        }
    }
}
