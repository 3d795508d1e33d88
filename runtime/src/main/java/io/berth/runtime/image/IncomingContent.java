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

    /** A layer taken in by {@link #intakeLayer}: its blob as stored, and its diff_id. */
    record StoredLayer(Descriptor blob, Digest diffId) {
    }

    /**
     * Stores and unpacks a layer blob in one pass over {@code raw} (see {@link LayerIntake});
     * {@code expectedBlob} and {@code expectedDiffId} (null: any) are checked before anything is
     * committed. A layer unpacked already is not unpacked again: the blob is only stored.
     */
    StoredLayer intakeLayer(InputStream raw, Digest expectedBlob, Digest expectedDiffId, String what) throws IOException {
        boolean unpack = expectedDiffId == null || !store.layers().has(expectedDiffId);
        try (LayerIntake intake = LayerIntake.read(store, raw, unpack, expectedBlob, what)) {
            return commit(intake, expectedBlob, expectedDiffId, what);
        }
    }

    /** As {@link #intakeLayer}, from a file that may be kept as a recipe instead of a copy ({@link LayerIntake#readFile}). */
    StoredLayer intakeLayerFile(java.nio.file.Path source, String what) throws IOException {
        try (LayerIntake intake = LayerIntake.readFile(store, source, what)) {
            return commit(intake, null, null, what);
        }
    }

    /** Publishes what {@code intake} read once both digests are right; the caller closes the intake. */
    StoredLayer commit(LayerIntake intake, Digest expectedBlob, Digest expectedDiffId, String what) throws IOException {
        Digest blob = intake.blob();
        if (expectedBlob != null && !expectedBlob.equals(blob)) {
            throw new DigestMismatchException(what, expectedBlob, blob);
        }
        LayerStore.Unpacked unpacked = intake.unpacked();
        Digest diffId = unpacked == null ? expectedDiffId : unpacked.diffId();
        if (expectedDiffId != null && !expectedDiffId.equals(diffId)) {
            throw new DigestMismatchException(what + " (uncompressed, diff_id)", expectedDiffId, diffId);
        }
        if (!store.blobs().has(blob)) {
            if (intake.recipeTemp() != null) {
                store.blobs().publishRecipe(intake.recipeTemp(), blob);
            } else {
                store.blobs().publish(intake.blobTemp(), blob);
            }
            blobs.add(blob);
        }
        if (unpacked != null && !store.layers().has(diffId)) {
            store.layers().commit(intake.layerTemp(), unpacked, diffId, what);
            layers.add(diffId);
        }
        Descriptor stored = new Descriptor(Compression.layerMediaType(intake.compression()), blob, intake.blobSize());
        return new StoredLayer(stored, diffId);
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
