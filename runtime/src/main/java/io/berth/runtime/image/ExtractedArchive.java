package io.berth.runtime.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image archive (docker save or OCI, gzip or not) unpacked into a temp directory: its
 * regular files only, by clean names that stay inside; its symlinks and hardlinks (docker save
 * uses them to share a layer between images) kept as a map and resolved by name, never on disk.
 * A file that looks like a layer (gzip, zstd or tar) is taken in as it is read
 * ({@link LayerIntake}): stored as a blob temp file and unpacked at once, both digests computed,
 * so that the loader never reads a layer twice; it commits those the archive's manifests name.
 */
final class ExtractedArchive implements AutoCloseable {
    private static final int MAX_LINK_HOPS = 32;
    private static final int TAR_MAGIC_OFFSET = 257;
    private final Path dir;
    private final ImageStore store;
    private final Map<String, String> links = new HashMap<>();
    private final Map<String, LayerIntake> intakes = new HashMap<>();

    private ExtractedArchive(Path dir, ImageStore store) {
        this.dir = dir;
        this.store = store;
    }

    /** Extracts at most the store's limit of (uncompressed) archive: a gzip bomb stops there. */
    static ExtractedArchive extract(Path archive, ImageStore store) throws IOException {
        ExtractedArchive extracted = new ExtractedArchive(Files.createTempDirectory(store.layout().tmpDir(), "archive-"),
                store);
        long maxBytes = store.limits().maxUncompressedBytes();
        try (BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 20)) {
            // An uncompressed archive's members can be read again where they lie: a layer tar in it
            // is then kept as a recipe, not copied (the offset is what the tar reader has consumed
            // when it hands out an entry: it reads headers block by block, never ahead).
            boolean seekable = Compression.detect(raw) == Compression.Kind.NONE;
            try (LimitedInputStream in = new LimitedInputStream(Compression.decompress(raw), maxBytes);
                 TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name())) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    extracted.add(entry, tar, seekable
                            ? new LayerIntake.SourceRange(archive, in.count(), entry.getSize()) : null);
                }
            }
        } catch (IOException | RuntimeException e) {
            extracted.close();
            throw e;
        }
        return extracted;
    }

    private void add(TarArchiveEntry entry, InputStream content, LayerIntake.SourceRange where) throws IOException {
        String name = String.join("/", ScopedPaths.clean(entry.getName()));
        if (name.isEmpty() || entry.isDirectory()) {
            return;
        }
        if (entry.isSymbolicLink() || entry.isLink()) {
            String target = entry.getLinkName();
            if (entry.isSymbolicLink() && !target.startsWith("/") && name.contains("/")) {
                target = name.substring(0, name.lastIndexOf('/') + 1) + target; // relative to its directory
            }
            links.put(name, String.join("/", ScopedPaths.clean(target.startsWith("/") ? target : "/" + target)));
            return;
        }
        if (!entry.isFile()) {
            return;
        }
        links.remove(name);
        LayerIntake replaced = intakes.remove(name);
        if (replaced != null) {
            replaced.close();
        }
        BufferedInputStream peekable = new BufferedInputStream(content, 1 << 20);
        if (looksLikeLayer(peekable)) {
            intakes.put(name, where == null || entry.isSparse() ? LayerIntake.readMaybeLayer(store, peekable, name)
                    : LayerIntake.readArchiveMember(store, peekable, where, name));
            return;
        }
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            peekable.transferTo(out);
        }
    }

    /** gzip or zstd (by their magic), or a tar (by "ustar" in its first header). */
    private static boolean looksLikeLayer(BufferedInputStream in) throws IOException {
        if (Compression.detect(in) != Compression.Kind.NONE) {
            return true;
        }
        in.mark(512);
        byte[] header = in.readNBytes(512);
        in.reset();
        return header.length == 512 && new String(header, TAR_MAGIC_OFFSET, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    /** The name {@code name} comes to through the archive's links (whether or not it exists). */
    String resolve(String name) throws IOException {
        String clean = String.join("/", ScopedPaths.clean("/" + name));
        for (int hops = 0; links.containsKey(clean); hops++) {
            if (hops > MAX_LINK_HOPS) {
                throw new IOException("archive: too many links at " + name);
            }
            clean = links.get(clean);
        }
        return clean;
    }

    /** The file {@code name} taken in as a layer while the archive was read, or null. */
    LayerIntake intake(String name) throws IOException {
        return intakes.get(resolve(name));
    }

    /** The extracted file that {@code name} names, through the archive's own links. */
    Path file(String name) throws IOException {
        String clean = resolve(name);
        LayerIntake intake = intakes.get(clean);
        if (intake != null) {
            return intake.blobFile(name);
        }
        Path file = dir.resolve(clean);
        if (clean.isEmpty() || !Files.isRegularFile(file)) {
            throw new NoSuchFileException("archive has no file " + name);
        }
        return file;
    }

    boolean has(String name) {
        try {
            if (intake(name) != null) {
                return true;
            }
            file(name);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    byte[] read(String name) throws IOException {
        return Files.readAllBytes(file(name));
    }

    List<String> names() {
        return new ArrayList<>(links.keySet());
    }

    @Override
    public void close() throws IOException {
        for (LayerIntake intake : intakes.values()) {
            intake.close();
        }
        FileTrees.deleteRecursively(dir);
    }
}
