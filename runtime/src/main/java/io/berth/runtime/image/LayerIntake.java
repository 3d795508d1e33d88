package io.berth.runtime.image;

import io.berth.runtime.Digest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * One pass over a layer blob as it arrives (from the network, an archive or a file): the
 * compressed bytes are hashed and written to a blob temp file while they are decompressed,
 * hashed again (diff_id) and unpacked into a layer temp directory. Nothing is read twice and
 * memory stays at a few buffers whatever the layer's size. Both digests are checked before
 * either is committed: {@link IncomingContent#intakeLayer} publishes the blob and renames the
 * layer into place only when both match; otherwise both temps are deleted.
 */
final class LayerIntake implements AutoCloseable {
    private static final int BUFFER = 1 << 20;
    private static final int READ_AHEAD_CHUNK = 256 * 1024;
    private static final int READ_AHEAD_DEPTH = 8;
    private Path blobTemp;
    private final Path layerTemp;
    /** Recipe mode (an import from a file): the tar's recipe instead of a copy of it, or null. */
    private Path recipeTemp;
    /** Recipe mode: where the tar can be read again if the blob is needed after all. */
    private final SourceRange source;

    /** {@code length} bytes of {@code file} from {@code offset}: a layer's tar, readable again. */
    record SourceRange(Path file, long offset, long length) {
    }
    private Digest blob;
    private long blobSize;
    private Compression.Kind compression;
    private LayerStore.Unpacked unpacked;
    private boolean blobReadWhole;

    private LayerIntake(Path blobTemp, Path layerTemp, Path recipeTemp, SourceRange source) {
        this.blobTemp = blobTemp;
        this.layerTemp = layerTemp;
        this.recipeTemp = recipeTemp;
        this.source = source;
    }

    /**
     * Reads {@code raw} to its end; unpacks it too when {@code unpack}. A failure of the unpack
     * (a hostile or broken tar) is thrown after the temps are removed.
     */
    static LayerIntake read(ImageStore store, InputStream raw, boolean unpack, String what) throws IOException {
        return read(store, raw, unpack, false, null, what);
    }

    /**
     * As {@link #read}; when the unpack fails and the blob's digest is not {@code expectedBlob},
     * the mismatch is the error (a byte flipped on the way breaks the gzip stream before the
     * digest can be compared: the cause to name is the corrupt download, not "Corrupt GZIP trailer").
     */
    static LayerIntake read(ImageStore store, InputStream raw, boolean unpack, Digest expectedBlob, String what)
            throws IOException {
        return read(store, raw, unpack, false, expectedBlob, what);
    }

    /**
     * As {@link #read}, for content that may not be a layer at all (a file of an image archive
     * that looks like a tar): a failed unpack leaves {@link #unpacked()} null and the blob is
     * still read whole; whoever uses it as a layer later unpacks it from the blob and reports why.
     */
    static LayerIntake readMaybeLayer(ImageStore store, InputStream raw, String what) throws IOException {
        return read(store, raw, true, true, null, what);
    }

    private static LayerIntake read(ImageStore store, InputStream raw, boolean unpack, boolean speculative,
                                    Digest expectedBlob, String what) throws IOException {
        Path blobTemp = Files.createTempFile(store.layout().tmpDir(), "blob-", ".tmp");
        LayerIntake intake = new LayerIntake(blobTemp, unpack ? store.layers().newTemp() : null, null, null);
        try {
            intake.run(store, raw, speculative, expectedBlob, what);
            return intake;
        } catch (IOException | RuntimeException e) {
            intake.close();
            throw e;
        }
    }

    /**
     * A layer tar read from the file {@code source} (an import): unpacked, and, when it is an
     * uncompressed tar and this process is root, kept as a {@link LayerRecipe} rather than a second
     * copy of its bytes (writing and fsyncing a 536 MB copy took longer than the whole unpack). When
     * the recipe cannot rebuild the tar (an entry replaced a file whose content it refers to), or
     * the file is compressed, the blob is copied from {@code source} after all.
     */
    static LayerIntake readFile(ImageStore store, Path source, String what) throws IOException {
        if (!FileMetadata.runningAsRoot() || !Files.isRegularFile(source)) { // a pipe cannot be read again
            try (InputStream in = Files.newInputStream(source)) {
                return read(store, in, true, what);
            }
        }
        try (InputStream in = Files.newInputStream(source)) {
            return readKeepingRecipe(store, in, new SourceRange(source, 0, Files.size(source)), false, what);
        }
    }

    /**
     * A file of an image archive that looks like a layer ({@link #readMaybeLayer}), at
     * {@code range} of the (uncompressed) archive file: an uncompressed layer tar is kept as a
     * recipe as {@link #readFile} keeps an import's.
     */
    static LayerIntake readArchiveMember(ImageStore store, InputStream raw, SourceRange range, String what)
            throws IOException {
        if (!FileMetadata.runningAsRoot()) {
            return readMaybeLayer(store, raw, what);
        }
        return readKeepingRecipe(store, raw, range, true, what);
    }

    private static LayerIntake readKeepingRecipe(ImageStore store, InputStream raw, SourceRange source,
                                                 boolean speculative, String what) throws IOException {
        Path recipe = Files.createTempFile(store.layout().tmpDir(), "recipe-", ".tmp");
        LayerIntake intake = new LayerIntake(null, store.layers().newTemp(), recipe, source);
        try {
            intake.run(store, raw, speculative, null, what);
            if (intake.compression != Compression.Kind.NONE || intake.unpacked == null
                    || !intake.unpacked.recipeValid()) {
                intake.copySource(what);
            }
            return intake;
        } catch (IOException | RuntimeException e) {
            intake.close();
            throw e;
        }
    }

    /** Recipe mode's way back: the blob copied from the source file, which must still be what was unpacked. */
    private void copySource(String what) throws IOException {
        Files.deleteIfExists(recipeTemp);
        recipeTemp = null;
        blobTemp = Files.createTempFile(layerTemp.getParent(), "blob-", ".tmp");
        MessageDigest sha = Digest.newBulkSha256();
        try (var channel = java.nio.channels.FileChannel.open(source.file());
             OutputStream out = new BufferedOutputStream(WritebackOutputStream.open(blobTemp), BUFFER)) {
            InputStream in = java.nio.channels.Channels.newInputStream(channel.position(source.offset()));
            // a short source is caught below: its digest is not the blob's
            HashedCopy.copy(in, source.length(), new byte[BUFFER], sha, out);
        }
        Digest copied = Digest.of(sha.digest());
        if (!copied.equals(blob)) {
            throw new IOException(what + " changed while it was being read");
        }
    }

    /** The blob as a file: copied from the source now if a recipe was kept instead (a caller reads it whole). */
    Path blobFile(String what) throws IOException {
        if (blobTemp == null) {
            copySource(what);
        }
        return blobTemp;
    }

    private void run(ImageStore store, InputStream raw, boolean speculative, Digest expectedBlob, String what)
            throws IOException {
        MessageDigest blobSha = Digest.newBulkSha256();
        Exception unpackFailure;
        try (OutputStream copy = blobTemp == null ? OutputStream.nullOutputStream()
                : new BufferedOutputStream(WritebackOutputStream.open(blobTemp), BUFFER)) {
            TeeInputStream tee = new TeeInputStream(raw, blobSha, copy);
            // Two threads: this one decompresses and unpacks, the read-ahead one reads, hashes and
            // stores the blob; on a loaded machine a session with two runnable threads gets both cores.
            try (ReadAhead ahead = ReadAhead.start(tee, READ_AHEAD_CHUNK, READ_AHEAD_DEPTH)) {
                unpackFailure = readThrough(store, ahead, speculative, what);
            }
            blobSize = tee.count();
        }
        blob = Digest.of(blobSha.digest());
        if (unpackFailure != null) {
            if (blobReadWhole && expectedBlob != null && !expectedBlob.equals(blob)) {
                throw new DigestMismatchException(what, expectedBlob, blob);
            }
            if (unpackFailure instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) unpackFailure;
        }
        if (unpacked != null && unpacked.diffId() == null) {
            unpacked = new LayerStore.Unpacked(blob, unpacked.size(), unpacked.recipeValid());
        }
    }

    /** Null, or the unpack's failure (not speculative) after the rest of the blob was read and hashed. */
    private Exception readThrough(ImageStore store, ReadAhead ahead, boolean speculative, String what) throws IOException {
        BufferedInputStream in = new BufferedInputStream(new NonClosing(ahead), BUFFER);
        compression = Compression.detect(in);
        if (layerTemp != null) {
            // Uncompressed, the blob is the tar: its digest is the diff_id, hashed once.
            MessageDigest diffSha = compression == Compression.Kind.NONE ? null : Digest.newBulkSha256();
            try {
                Path recipe = compression == Compression.Kind.NONE ? recipeTemp : null;
                unpacked = store.layers().unpackInto(Compression.decompress(in, compression), layerTemp, diffSha,
                        recipe, what);
            } catch (IOException | RuntimeException notALayer) {
                unpacked = null; // the blob is still read whole below
                if (!speculative) {
                    try {
                        ahead.drain(); // to tell a corrupt download (digest mismatch) from a broken layer
                    } catch (IOException sourceFailed) {
                        return notALayer; // a dropped source: the unpack's failure says so already
                    }
                    blobReadWhole = ahead.readWhole();
                    return notALayer;
                }
            }
        }
        ahead.drain(); // what the decompressor did not read (a gzip trailer, padding) is part of the blob
        return null;
    }

    Digest blob() {
        return blob;
    }

    long blobSize() {
        return blobSize;
    }

    Compression.Kind compression() {
        return compression;
    }

    /** The blob's temp file, or null when the intake keeps a {@link #recipeTemp} instead. */
    Path blobTemp() {
        return blobTemp;
    }

    /** The recipe that rebuilds the blob (an uncompressed tar) from the unpacked layer, or null. */
    Path recipeTemp() {
        return recipeTemp;
    }

    Path layerTemp() {
        return layerTemp;
    }

    /** The unpacked layer, or null when the intake was told not to unpack. */
    LayerStore.Unpacked unpacked() {
        return unpacked;
    }

    @Override
    public void close() throws IOException {
        if (blobTemp != null) {
            Files.deleteIfExists(blobTemp);
        }
        if (recipeTemp != null) {
            Files.deleteIfExists(recipeTemp);
        }
        if (layerTemp != null) {
            FileTrees.deleteRecursively(layerTemp);
        }
    }

    /** Closing the decompressor must not close the tee under it: the rest is still drained (bytes it buffered were hashed already). */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
