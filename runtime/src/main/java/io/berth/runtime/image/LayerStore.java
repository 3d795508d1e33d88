package io.berth.runtime.image;

import io.berth.runtime.Digest;
import io.berth.runtime.UnpackLimits;
import io.berth.runtime.state.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;

/**
 * Unpacked layers, each once, keyed by diff_id (the digest of the uncompressed tar), shared by
 * every image and container that has it. A layer is unpacked into a temp directory, its diff_id
 * checked, then renamed into place: a layer directory that exists is complete and verified.
 */
final class LayerStore {
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
        Path temp = Files.createTempDirectory(layout.tmpDir(), "layer-");
        try {
            Files.setAttribute(temp, "unix:mode", 0755);
            MessageDigest sha = Digest.newSha256();
            long size;
            try (InputStream in = Compression.decompress(compressed);
                 LimitedInputStream limited = new LimitedInputStream(in, limits.maxUncompressedBytes());
                 DigestInputStream digesting = new DigestInputStream(limited, sha)) {
                LayerUnpacker.Result unpacked = LayerUnpacker.unpack(digesting, temp, limits.maxEntries(),
                        limits.maxUncompressedBytes());
                List<String> skipped = unpacked.skipped();
                digesting.transferTo(OutputStreamSink.INSTANCE); // the tar's trailing blocks count too
                // what it takes unpacked: a sparse file's declared size, not the archive's few bytes
                size = Math.max(limited.count(), unpacked.declaredBytes());
                if (!skipped.isEmpty()) {
                    System.err.println("warning: " + what + ": " + String.join("; ", skipped));
                }
            }
            Digest actual = Digest.of(sha.digest());
            if (diffId != null && !diffId.equals(actual)) {
                throw new DigestMismatchException(what + " (uncompressed, diff_id)", diffId, actual);
            }
            Path target = layout.layer(actual);
            if (!has(actual)) {
                Files.createDirectories(target.getParent());
                AtomicFiles.write(layout.layerSize(actual), Long.toString(size).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
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
        } finally {
            FileTrees.deleteRecursively(temp);
        }
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

    /** Swallows bytes: what is left of a stream after the tar's end still goes through the digest. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
