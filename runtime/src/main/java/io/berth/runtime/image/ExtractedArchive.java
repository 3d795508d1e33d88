package io.berth.runtime.image;

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
 */
final class ExtractedArchive implements AutoCloseable {
    private static final int MAX_LINK_HOPS = 32;
    private final Path dir;
    private final Map<String, String> links = new HashMap<>();

    private ExtractedArchive(Path dir) {
        this.dir = dir;
    }

    /** Extracts at most {@code maxBytes} of (uncompressed) archive: a gzip bomb stops there. */
    static ExtractedArchive extract(Path archive, Path tmpDir, long maxBytes) throws IOException {
        ExtractedArchive extracted = new ExtractedArchive(Files.createTempDirectory(tmpDir, "archive-"));
        try (InputStream raw = Files.newInputStream(archive);
             InputStream in = new LimitedInputStream(Compression.decompress(raw), maxBytes);
             TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                extracted.add(entry, tar);
            }
        } catch (IOException | RuntimeException e) {
            extracted.close();
            throw e;
        }
        return extracted;
    }

    private void add(TarArchiveEntry entry, InputStream content) throws IOException {
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
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            content.transferTo(out);
        }
    }

    /** The extracted file that {@code name} names, through the archive's own links. */
    Path file(String name) throws IOException {
        String clean = String.join("/", ScopedPaths.clean("/" + name));
        for (int hops = 0; links.containsKey(clean); hops++) {
            if (hops > MAX_LINK_HOPS) {
                throw new IOException("archive: too many links at " + name);
            }
            clean = links.get(clean);
        }
        Path file = dir.resolve(clean);
        if (clean.isEmpty() || !Files.isRegularFile(file)) {
            throw new NoSuchFileException("archive has no file " + name);
        }
        return file;
    }

    boolean has(String name) {
        try {
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
        FileTrees.deleteRecursively(dir);
    }
}
