package io.berth.runtime.image;

import io.berth.runtime.Digest;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * How to rebuild an imported layer's tar, byte for byte, from its unpacked files: Docker keeps no
 * copy of an imported tar either (its tar-split data plays this part). A recipe is a gzip stream
 * of records: RAW (bytes as they were: headers, padding, end blocks), FILE (that many bytes of
 * the content of a file under the layer's root), END (the tar's total length). {@link TarRecorder}
 * writes it during the unpack; {@link #rebuild} reads it when the tar is needed (push, save),
 * checking the digest as it goes: unpacked files that changed make it fail, never give other bytes.
 */
final class LayerRecipe {
    static final int MAGIC = 0x42544152; // "BTAR"
    static final int RAW = 1;
    static final int FILE = 2;
    static final int END = 3;
    private static final long MAX_RUN = 1L << 40;

    private LayerRecipe() {
    }

    /**
     * Writes the tar that {@code recipe} describes, reading file contents under {@code root}, to
     * {@code out}; throws unless what was written has digest {@code expected}.
     */
    static void rebuild(Path recipe, Path root, Digest expected, OutputStream out) throws IOException {
        MessageDigest sha = Digest.newBulkSha256();
        byte[] buffer = new byte[256 * 1024];
        long written = 0;
        try (DataInputStream in = open(recipe)) {
            while (true) {
                int type = in.readUnsignedByte();
                long length = length(in, recipe);
                if (type == END) {
                    if (length != written) {
                        throw corrupt(recipe, "length " + length + " but " + written + " bytes rebuilt");
                    }
                    break;
                }
                if (type == RAW) {
                    copy(in, length, buffer, sha, out);
                } else if (type == FILE) {
                    byte[] name = in.readNBytes(nameLength(in, recipe));
                    try (InputStream content = openContent(root, new String(name, StandardCharsets.UTF_8), length)) {
                        copy(content, length, buffer, sha, out);
                    }
                } else {
                    throw corrupt(recipe, "record type " + type);
                }
                written += length;
            }
        } catch (EOFException e) {
            throw new IOException("the layer's unpacked files no longer rebuild its tar (" + e.getMessage() + ")", e);
        }
        Digest actual = Digest.of(sha.digest());
        if (!actual.equals(expected)) {
            throw new IOException("the tar rebuilt from layer " + expected.shortHex() + "'s unpacked files has digest "
                    + actual + ": its files were changed; remove the image and import it again");
        }
    }

    /** A file of the layer, resolved inside its root, that must hold at least {@code length} bytes. */
    private static InputStream openContent(Path root, String name, long length) throws IOException {
        List<String> components = ScopedPaths.clean(name);
        if (components.isEmpty()) {
            throw new IOException("a layer recipe names the layer's root as a file");
        }
        Path file = ScopedPaths.resolveParentFollowing(root, components);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) < length) {
            throw new EOFException(name + " is missing or shorter than the " + length + " bytes it held");
        }
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    private static void copy(InputStream in, long length, byte[] buffer, MessageDigest sha, OutputStream out)
            throws IOException {
        if (HashedCopy.copy(in, length, buffer, sha, out) < length) {
            throw new EOFException("a recipe's run ends early");
        }
    }

    private static DataInputStream open(Path recipe) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(
                new GZIPInputStream(Files.newInputStream(recipe), 64 * 1024), 64 * 1024));
        try {
            if (in.readInt() != MAGIC) {
                throw corrupt(recipe, "no recipe header");
            }
            return in;
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    private static long length(DataInputStream in, Path recipe) throws IOException {
        long length = in.readLong();
        if (length < 0 || length > MAX_RUN) {
            throw corrupt(recipe, "length " + length);
        }
        return length;
    }

    private static int nameLength(DataInputStream in, Path recipe) throws IOException {
        int length = in.readInt();
        if (length <= 0 || length > 65_536) {
            throw corrupt(recipe, "name length " + length);
        }
        return length;
    }

    private static IOException corrupt(Path recipe, String what) {
        return new IOException("layer recipe " + recipe + " is damaged (" + what + ")");
    }
}
