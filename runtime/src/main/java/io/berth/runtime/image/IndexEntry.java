package io.berth.runtime.image;

import io.berth.runtime.Digest;
import io.berth.runtime.ImageReference;

/**
 * One image the store holds under one name: its manifest, its id (the config digest) and the
 * reference that names it, or null for an image that has no name left (Docker's "dangling").
 */
record IndexEntry(Digest manifestDigest, String mediaType, long size, Digest imageId, ImageReference reference) {
    IndexEntry withReference(ImageReference newReference) {
        return new IndexEntry(manifestDigest, mediaType, size, imageId, newReference);
    }
}
