package io.berth.runtime.image;

import io.berth.runtime.Digest;
import io.berth.runtime.state.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * Blobs by sha256. A blob is written to a temp file, its digest checked, then renamed into
 * place, so a blob that exists under a name always has that digest.
 */
final class BlobStore {
    private final StoreLayout layout;

    BlobStore(StoreLayout layout) {
        this.layout = layout;
    }

    /** Stored, or rebuildable from an imported layer's files (a {@link LayerRecipe}). */
    boolean has(Digest digest) {
        return Files.isRegularFile(layout.blob(digest)) || Files.isRegularFile(layout.recipe(digest));
    }

    /**
     * The blob's file; a blob kept as a recipe is rebuilt first (once: the rebuilt file stays), so
     * that push and save read it as any other.
     */
    Path path(Digest digest) throws IOException {
        Path blob = layout.blob(digest);
        if (!Files.isRegularFile(blob) && Files.isRegularFile(layout.recipe(digest))) {
            rebuild(digest);
        }
        return blob;
    }

    /** What the blob takes on disk (a blob kept as a recipe: the recipe), without rebuilding it. */
    long diskBytes(Digest digest) throws IOException {
        Path blob = layout.blob(digest);
        return Files.isRegularFile(blob) || !Files.isRegularFile(layout.recipe(digest))
                ? Files.size(blob) : Files.size(layout.recipe(digest));
    }

    private void rebuild(Digest digest) throws IOException {
        Path temp = Files.createTempFile(layout.tmpDir(), "blob-", ".tmp");
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(WritebackOutputStream.open(temp), 1 << 20)) {
                // an imported layer's blob is its tar: the digest is its diff_id, the layer's name
                LayerRecipe.rebuild(layout.recipe(digest), layout.layer(digest), digest, out);
            }
            publish(temp, digest);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Stores a checked recipe for the blob {@code digest} instead of the blob. */
    void publishRecipe(Path verifiedTemp, Digest digest) throws IOException {
        Path target = layout.recipe(digest);
        Files.createDirectories(target.getParent());
        try (var channel = java.nio.channels.FileChannel.open(verifiedTemp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        AtomicFiles.move(verifiedTemp, target);
    }

    byte[] read(Digest digest) throws IOException {
        return Files.readAllBytes(layout.blob(digest));
    }

    /** Stores {@code content} (its digest computed here) and returns the digest. */
    Digest put(byte[] content) throws IOException {
        Digest digest = Digest.sha256(content);
        if (!has(digest)) {
            Path temp = Files.createTempFile(layout.tmpDir(), "blob-", ".tmp");
            try {
                Files.write(temp, content);
                publish(temp, digest);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return digest;
    }

    /**
     * Copies {@code in} into the store and checks it has digest {@code expected} (null: any);
     * throws {@link DigestMismatchException} otherwise, keeping nothing.
     */
    Digest put(InputStream in, Digest expected, String what) throws IOException {
        Path temp = Files.createTempFile(layout.tmpDir(), "blob-", ".tmp");
        try {
            MessageDigest sha = Digest.newBulkSha256();
            try (InputStream digesting = new DigestInputStream(in, sha);
                 OutputStream out = Files.newOutputStream(temp)) {
                digesting.transferTo(out);
            }
            Digest actual = Digest.of(sha.digest());
            if (expected != null && !expected.equals(actual)) {
                throw new DigestMismatchException(what, expected, actual);
            }
            publish(temp, actual);
            return actual;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Takes {@code file} (on the store's filesystem) into the store if its digest is
     * {@code expected} (null: any); the file is moved, not copied.
     */
    Digest adopt(Path file, Digest expected, String what) throws IOException {
        MessageDigest sha = Digest.newBulkSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        Digest actual = Digest.of(sha.digest());
        if (expected != null && !expected.equals(actual)) {
            throw new DigestMismatchException(what, expected, actual);
        }
        publish(file, actual);
        return actual;
    }

    /** Moves a file whose digest the caller has checked to its place in the store. */
    void publish(Path verifiedTemp, Digest digest) throws IOException {
        Path target = layout.blob(digest);
        if (Files.exists(target)) {
            return;
        }
        try (var channel = java.nio.channels.FileChannel.open(verifiedTemp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            AtomicFiles.move(verifiedTemp, target);
        } catch (FileAlreadyExistsException raced) {
            // Another process stored the same content first: same digest, same bytes.
        }
    }

    void delete(Digest digest) throws IOException {
        Files.deleteIfExists(layout.blob(digest));
        Files.deleteIfExists(layout.recipe(digest));
    }
}
