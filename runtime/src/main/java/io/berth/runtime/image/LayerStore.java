package io.berth.runtime.image;

import io.berth.runtime.Digest;
import io.berth.runtime.UnpackLimits;
import io.berth.runtime.state.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * Unpacked layers, each once, keyed by diff_id (the digest of the uncompressed tar), shared by
 * every image and container that has it. A layer is unpacked into a temp directory, its diff_id
 * checked, then renamed into place: a layer directory that exists is complete and verified.
 */
final class LayerStore {
    private static final int DECOMPRESSED_CHUNK = 256 * 1024;
    private static final int DECOMPRESSED_DEPTH = 8;
    private final StoreLayout layout;
    private final UnpackLimits limits;

    LayerStore(StoreLayout layout, UnpackLimits limits) {
        this.layout = layout;
        this.limits = limits;
    }

    boolean has(Digest diffId) {
        return Files.isDirectory(layout.layer(diffId), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Unpacks the layer blob {@code compressed} (gzip or not) unless its diff_id is unpacked
     * already; throws {@link DigestMismatchException} when the content is not {@code diffId}
     * (null: unknown, as for an import; the computed one is returned).
     */
    Digest unpack(InputStream compressed, Digest diffId, String what) throws IOException {
        if (diffId != null && has(diffId)) {
            return diffId;
        }
        Path temp = newTemp();
        try {
            Unpacked unpacked = unpackInto(Compression.decompress(compressed), temp, Digest.newBulkSha256(), what);
            return commit(temp, unpacked, diffId, what);
        } finally {
            FileTrees.deleteRecursively(temp);
        }
    }

    /**
     * What a layer's tar gave: its diff_id (null when the caller hashed it), its unpacked size, and
     * whether the recipe written during the unpack (if one was) rebuilds the tar.
     */
    record Unpacked(Digest diffId, long size, boolean recipeValid) {
        Unpacked(Digest diffId, long size) {
            this(diffId, size, false);
        }
    }

    /** An empty directory in the store's tmp/ to unpack a layer into (deleted by the caller). */
    Path newTemp() throws IOException {
        Path temp = Files.createTempDirectory(layout.tmpDir(), "layer-");
        Files.setAttribute(temp, "unix:mode", 0755);
        return temp;
    }

    /**
     * Unpacks the uncompressed {@code tar} into {@code temp}, to the stream's end (the tar's
     * trailing blocks count for the digest too), within the store's limits; {@code sha}, when not
     * null, is fed every byte and its digest is the result's diff_id.
     */
    Unpacked unpackInto(InputStream tar, Path temp, MessageDigest sha, String what) throws IOException {
        return unpackInto(tar, temp, sha, null, what);
    }

    /**
     * As {@link #unpackInto(InputStream, Path, MessageDigest, String)}, writing the tar's recipe to
     * {@code recipe} (null: none) as it goes (see {@link TarRecorder}); the recipe is finished when
     * this returns.
     */
    Unpacked unpackInto(InputStream tar, Path temp, MessageDigest sha, Path recipe, String what) throws IOException {
        try (LimitedInputStream limited = new LimitedInputStream(tar, limits.maxUncompressedBytes());
             InputStream digesting = sha == null ? limited : new DigestInputStream(limited, sha);
             // A compressed layer: decompressing and hashing on a thread of their own, the tar's
             // files are written on this one (on two cores, a pull's unpack takes the longer of
             // the two instead of their sum). Uncompressed, the caller's read-ahead does this already.
             ReadAhead ahead = sha == null ? null : ReadAhead.start(digesting, DECOMPRESSED_CHUNK, DECOMPRESSED_DEPTH)) {
            InputStream content = ahead == null ? digesting : ahead;
            LayerUnpacker.Result unpacked;
            boolean recipeValid = false;
            if (recipe == null) {
                unpacked = LayerUnpacker.unpack(content, temp, limits.maxEntries(), limits.maxUncompressedBytes());
                content.transferTo(OutputStream.nullOutputStream());
            } else {
                try (TarRecorder recorder = TarRecorder.open(content, temp, recipe)) {
                    unpacked = LayerUnpacker.unpack(recorder, temp, limits.maxEntries(), limits.maxUncompressedBytes());
                    recorder.transferTo(OutputStream.nullOutputStream()); // the end blocks and what follows: recorded too
                    recorder.finish();
                    recipeValid = recorder.valid();
                }
            }
            if (!unpacked.skipped().isEmpty()) {
                System.err.println("warning: " + what + ": " + String.join("; ", unpacked.skipped()));
            }
            // what it takes unpacked: a sparse file's declared size, not the archive's few bytes
            long size = Math.max(limited.count(), unpacked.declaredBytes());
            return new Unpacked(sha == null ? null : Digest.of(sha.digest()), size, recipeValid);
        }
    }

    /**
     * Checks the unpacked {@code temp} against {@code expected} (null: any) and renames it into
     * place under its diff_id; {@code temp} is left for the caller to delete when it was not taken.
     */
    Digest commit(Path temp, Unpacked unpacked, Digest expected, String what) throws IOException {
        Digest actual = unpacked.diffId();
        if (expected != null && !expected.equals(actual)) {
            throw new DigestMismatchException(what + " (uncompressed, diff_id)", expected, actual);
        }
        Path target = layout.layer(actual);
        if (!has(actual)) {
            Files.createDirectories(target.getParent());
            AtomicFiles.write(layout.layerSize(actual), Long.toString(unpacked.size()).getBytes(StandardCharsets.US_ASCII));
            try {
                AtomicFiles.move(temp, target);
                AtomicFiles.fsyncDir(target.getParent());
            } catch (FileSystemException raced) {
                // ENOTEMPTY / EEXIST: another process unpacked the same layer first, and theirs
                // is as good as ours. Anything else is a real failure.
                if (!has(actual)) {
                    throw raced;
                }
            }
        }
        return actual;
    }

    /** The layer's uncompressed size, or 0 when not recorded. */
    long size(Digest diffId) {
        try {
            return Long.parseLong(Files.readString(layout.layerSize(diffId)).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    Path dir(Digest diffId) {
        return layout.layer(diffId);
    }

    void delete(Digest diffId) throws IOException {
        Path dir = layout.layer(diffId);
        Files.deleteIfExists(layout.layerSize(diffId));
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // Rename first, so a half-deleted layer is never seen under its name.
        Path doomed = layout.tmpDir().resolve("deleting-" + diffId.hex() + "-" + System.nanoTime());
        AtomicFiles.move(dir, doomed);
        FileTrees.deleteRecursively(doomed);
    }
}
