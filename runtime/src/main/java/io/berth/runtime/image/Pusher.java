package io.berth.runtime.image;

import io.berth.runtime.Digest;
import io.berth.runtime.ImageReference;
import io.berth.runtime.PushProgress;
import io.berth.runtime.PushProgress.Stage;
import io.berth.runtime.image.registry.RegistryClient;
import io.berth.runtime.image.registry.RegistryUploads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code docker push}: the image a name points to in the store goes to the registry the name
 * names: every layer the registry lacks (a HEAD first; blobs it has are skipped), then the
 * config, the manifest last (as stored: its bytes, its media type, so its digest is unchanged),
 * so that the tag never names an image whose blobs are not all there.
 */
public final class Pusher {
    private final ImageStore store;
    private final long chunkedAbove;
    private final long chunkSize;

    public Pusher(ImageStore store) {
        this(store, RegistryUploads.CHUNKED_ABOVE, RegistryUploads.CHUNK_SIZE);
    }

    /** A pusher that sends blobs above {@code chunkedAbove} bytes in chunks of {@code chunkSize}. */
    public Pusher(ImageStore store, long chunkedAbove, long chunkSize) {
        this.store = store;
        this.chunkedAbove = chunkedAbove;
        this.chunkSize = chunkSize;
    }

    /** Pushes; the manifest's digest. */
    public Digest push(ImageReference reference, RegistryClient registry, Consumer<PushProgress> progress)
            throws IOException {
        if (reference.tag() == null) {
            throw new IllegalArgumentException(reference + ": push needs a tag (berth image tag IMAGE NAME:TAG first)");
        }
        IndexEntry entry = ReferenceIndex.read(store.layout().indexFile()).stream()
                .filter(e -> IndexNames.matches(e, reference)).findFirst()
                .orElseThrow(() -> new ImageNotFoundException(reference.familiar()
                        + " (push sends an image of this host: tag one with this name first)"));
        byte[] manifestJson = store.blobs().read(entry.manifestDigest());
        Manifest manifest = Manifest.parse(manifestJson, "manifest " + entry.manifestDigest());
        List<Descriptor> blobs = new ArrayList<>(manifest.layers());
        blobs.add(manifest.config());
        for (Descriptor blob : blobs) {
            if (!store.blobs().has(blob.digest())) {
                throw new IOException("blob " + blob.digest() + " of " + reference.familiar()
                        + " is not in the store (damaged? pull or load the image again)");
            }
        }
        RegistryUploads uploads = new RegistryUploads(registry, reference.repository(), chunkedAbove, chunkSize);
        String mountFrom = mountSource(reference, entry.imageId());
        for (Descriptor blob : blobs) {
            pushBlob(uploads, blob, mountFrom, progress);
        }
        String mediaType = entry.mediaType() == null || entry.mediaType().isEmpty() ? manifest.mediaType()
                : entry.mediaType();
        uploads.putManifest(reference.tag(), mediaType, manifestJson);
        progress.accept(new PushProgress(entry.manifestDigest(), Stage.DONE, manifestJson.length));
        return entry.manifestDigest();
    }

    /**
     * Another repository of the same registry that this image has a name in (it was pulled from
     * or pushed to it, most likely): the registry may mount the blobs from there instead of a
     * second upload. Null when there is none; a mount the registry declines is just an upload.
     */
    private String mountSource(ImageReference target, Digest imageId) throws IOException {
        return ReferenceIndex.read(store.layout().indexFile()).stream()
                .filter(e -> e.imageId().equals(imageId) && e.reference() != null)
                .map(IndexEntry::reference)
                .filter(name -> name.registry().equals(target.registry()) && !name.repository().equals(target.repository()))
                .map(ImageReference::repository).sorted().findFirst().orElse(null);
    }

    private void pushBlob(RegistryUploads uploads, Descriptor blob, String mountFrom, Consumer<PushProgress> progress)
            throws IOException {
        Digest digest = blob.digest();
        progress.accept(new PushProgress(digest, Stage.PREPARING, blob.size()));
        if (uploads.hasBlob(digest)) {
            progress.accept(new PushProgress(digest, Stage.ALREADY_EXISTS, blob.size()));
            return;
        }
        progress.accept(new PushProgress(digest, Stage.PUSHING, blob.size()));
        boolean mounted = uploads.uploadBlob(digest, store.blobs().path(digest), mountFrom,
                sent -> progress.accept(new PushProgress(digest, Stage.PUSHING, blob.size(), sent)));
        progress.accept(new PushProgress(digest, mounted ? Stage.MOUNTED : Stage.PUSHED, blob.size()));
    }
}
