package io.berth.runtime.image;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Reads an uncompressed layer tar for {@link LayerUnpacker} and writes its {@link LayerRecipe}
 * as it goes: every byte the unpacker does not take as a file's content (headers, padding, the
 * end blocks and whatever follows them) is kept as is; a file's content is kept as a reference
 * to the file it was written to. The recipe stays valid only while every referenced file still
 * holds that content when the unpack ends: a later entry that replaces or whites out such a
 * path makes it invalid, and the caller then stores the tar itself.
 */
final class TarRecorder extends FilterInputStream {
    private static final int RAW_RUN = 64 * 1024;
    private final Path root;
    private final DataOutputStream recipe;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream(RAW_RUN);
    private final Set<Path> referenced = new HashSet<>();
    private Path file;
    private long fileBytes;
    private long total;
    private boolean valid = true;

    private TarRecorder(InputStream tar, Path root, OutputStream recipeFile) throws IOException {
        super(tar);
        this.root = root;
        this.recipe = new DataOutputStream(new FastGzip(recipeFile));
        recipe.writeInt(LayerRecipe.MAGIC);
    }

    /** Records {@code tar}, unpacked under {@code root}, into the new file {@code recipeFile}. */
    static TarRecorder open(InputStream tar, Path root, Path recipeFile) throws IOException {
        return new TarRecorder(tar, root, Files.newOutputStream(recipeFile));
    }

    /** The bytes read from here on, up to {@link #endFile}, are the content now in {@code path}. */
    void beginFile(Path path) throws IOException {
        flushRaw();
        file = path;
        fileBytes = 0;
    }

    void endFile() throws IOException {
        Path written = file;
        file = null;
        if (fileBytes == 0) {
            return;
        }
        recipe.writeByte(LayerRecipe.FILE);
        recipe.writeLong(fileBytes);
        byte[] name = root.relativize(written).toString().getBytes(StandardCharsets.UTF_8);
        recipe.writeInt(name.length);
        recipe.write(name);
        referenced.add(written);
    }

    /** {@code path} (and all under it) is being deleted or replaced: content read from it is gone. */
    void replacing(Path path) {
        if (valid && (referenced.contains(path) || referenced.stream().anyMatch(ref -> ref.startsWith(path)))) {
            valid = false;
        }
    }

    /** Whether the recipe can rebuild the tar: no referenced content was replaced. */
    boolean valid() {
        return valid;
    }

    long total() {
        return total;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            took(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            took(buffer, offset, n);
        }
        return n;
    }

    /** Skipped bytes (padding, an entry the unpacker left unread) are read, so they are recorded. */
    @Override
    public long skip(long count) throws IOException {
        byte[] scratch = new byte[(int) Math.min(count, 8192)];
        long skipped = 0;
        while (skipped < count) {
            int n = read(scratch, 0, (int) Math.min(scratch.length, count - skipped));
            if (n < 0) {
                break;
            }
            skipped += n;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void took(byte[] bytes, int offset, int length) throws IOException {
        total += length;
        if (file != null) {
            fileBytes += length;
            return;
        }
        raw.write(bytes, offset, length);
        if (raw.size() >= RAW_RUN) {
            flushRaw();
        }
    }

    private void flushRaw() throws IOException {
        if (raw.size() == 0) {
            return;
        }
        recipe.writeByte(LayerRecipe.RAW);
        recipe.writeLong(raw.size());
        raw.writeTo(recipe);
        raw.reset();
    }

    /** Ends the recipe (its total length last, as a check); the source itself is not closed here. */
    void finish() throws IOException {
        flushRaw();
        recipe.writeByte(LayerRecipe.END);
        recipe.writeLong(total);
        recipe.close();
    }

    /**
     * gzip at its fastest level: a recipe is mostly tar headers (zeros and names), which level 1
     * shrinks nearly as well as the default, on the thread that also writes the layer's files.
     */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(java.util.zip.Deflater.BEST_SPEED);
        }
    }

    /** Closes the recipe file only (after a failure); the tar stream is the caller's. */
    @Override
    public void close() throws IOException {
        recipe.close();
    }
}
