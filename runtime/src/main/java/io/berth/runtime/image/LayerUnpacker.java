package io.berth.runtime.image;

import io.berth.runtime.linux.FileNodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks one layer's tar stream into an empty directory as Docker's overlay2 driver would:
 * owners, modes (setuid too), mtimes, symlinks, hardlinks and xattrs kept; whiteouts turned into
 * overlayfs form ({@code .wh.NAME} becomes a 0/0 character device NAME, {@code .wh..wh..opq}
 * the {@code trusted.overlay.opaque=y} xattr on its directory); a later entry for the same path
 * replaces the earlier one (directories merge).
 *
 * Hostile archives: every entry's parent is resolved inside the root ({@link ScopedPaths}), so
 * neither "..", absolute names, nor symlinks and hardlinks made by earlier entries reach outside.
 * Device nodes other than 0/0 whiteouts are NOT created (Docker creates them when root; Berth
 * skips them, because a device node in a layer is a way to a host device and Berth's containers
 * get their own /dev anyway). xattrs in {@code trusted.overlay.} from the archive are dropped:
 * only Berth decides what overlayfs sees as whiteouts, redirects or opaque directories.
 * Sizes: every file's declared size (a sparse file's real size, not its few stored bytes) counts
 * against the byte cap, and sparse files stay sparse: their holes are never written.
 */
final class LayerUnpacker {
    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    private static final boolean ROOT = FileMetadata.runningAsRoot();

    private static final int RECORD = 512;

    private final Path root;
    private final long maxEntries;
    private final long maxBytes;
    private final Map<Path, TarArchiveEntry> directories = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();
    private final byte[] copyBuffer = new byte[256 * 1024];
    /**
     * Parent directories resolved and made already, by their clean name: most entries share
     * their parent with the one before, and resolving it again costs an lstat per component.
     * Only a replacement or a whiteout can change what a known parent resolves to (a new
     * symlink cannot: every component of a known parent exists), and those clear it.
     */
    private final Map<List<String>, Path> knownParents = new java.util.HashMap<>();
    private long entries;
    private long declaredBytes;
    /** Null, or what records the tar's recipe (the tar stream read here is this recorder). */
    private final TarRecorder recorder;

    private LayerUnpacker(Path root, long maxEntries, long maxBytes, TarRecorder recorder) {
        this.root = root;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.recorder = recorder;
    }

    /** What an unpack gave: entries not unpacked (with why), and the files' declared bytes in all. */
    record Result(List<String> skipped, long declaredBytes) {
    }

    /** Unpacks {@code tar} (uncompressed) into the existing empty directory {@code root}. */
    static Result unpack(InputStream tar, Path root, long maxEntries, long maxBytes) throws IOException {
        LayerUnpacker unpacker = new LayerUnpacker(root, maxEntries, maxBytes, null);
        unpacker.run(tar);
        return new Result(unpacker.skipped, unpacker.declaredBytes);
    }

    /** As {@link #unpack}, reading the tar through {@code recorder}, told which bytes are whose content. */
    static Result unpack(TarRecorder recorder, Path root, long maxEntries, long maxBytes) throws IOException {
        LayerUnpacker unpacker = new LayerUnpacker(root, maxEntries, maxBytes, recorder);
        unpacker.run(recorder);
        return new Result(unpacker.skipped, unpacker.declaredBytes);
    }

    private void run(InputStream tar) throws IOException {
        TarArchiveInputStream in = new TarArchiveInputStream(tar, StandardCharsets.UTF_8.name());
        TarArchiveEntry entry;
        while ((entry = nextEntry(in)) != null) {
            if (++entries > maxEntries) {
                throw new LimitedInputStream.LayerTooLargeException(
                        "layer has more than the limit of " + maxEntries + " entries");
            }
            try {
                unpackEntry(entry, in);
            } catch (UnsafeArchiveException | LimitedInputStream.LayerTooLargeException e) {
                throw e;
            } catch (IOException e) {
                throw new IOException("entry \"" + entry.getName() + "\": " + e, e);
            }
        }
        // commons-compress reads input shorter than one header as an empty archive; Docker's tar
        // reader says "unexpected EOF" (a text file given to image import is not an empty image).
        if (entries == 0 && in.getBytesRead() % RECORD != 0) {
            throw new IOException("not a valid tar stream (" + in.getBytesRead()
                    + " bytes, not a whole 512-byte tar record)");
        }
        // Directory times last: creating their children changed them.
        for (Map.Entry<Path, TarArchiveEntry> dir : directories.entrySet()) {
            FileMetadata.apply(dir.getKey(), dir.getValue(), ROOT);
        }
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream in) throws IOException {
        try {
            return in.getNextEntry();
        } catch (IOException e) {
            throw new IOException("not a valid tar stream (" + e.getMessage() + ")", e);
        }
    }

    private void unpackEntry(TarArchiveEntry entry, InputStream content) throws IOException {
        List<String> components = ScopedPaths.clean(entry.getName());
        if (components.isEmpty()) {
            if (entry.isDirectory()) {
                directories.put(root, entry); // "./": the layer root's own owner and mode
                return;
            }
            throw new UnsafeArchiveException("entry \"" + entry.getName() + "\" names the layer root but is not a directory");
        }
        String base = components.get(components.size() - 1);
        Path parent = parentOf(components);
        if (base.startsWith(WHITEOUT_PREFIX)) {
            whiteout(entry, parent, base);
            return;
        }
        Path path = parent.resolve(base);
        // Created first, replaced only when something is there: a check before each entry cost an
        // exception per new path inside Java's Files.exists (17,000 for the benchmark's layer).
        if (entry.isDirectory()) {
            try {
                Files.createDirectory(path);
            } catch (FileAlreadyExistsException exists) {
                if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    replace(path);
                    Files.createDirectory(path);
                } // a directory again: the two merge
            }
            directories.put(path, entry);
            FileMetadata.applyXattrs(path, entry, skipped);
            return;
        }
        if (entry.isFile()) {
            long declared = entry.isSparse() ? entry.getRealSize() : entry.getSize();
            declaredBytes += Math.max(0, declared);
            if (declaredBytes > maxBytes) {
                throw new LimitedInputStream.LayerTooLargeException("layer is larger than the limit of " + maxBytes
                        + " bytes (entry \"" + entry.getName() + "\" declares " + declared + ")");
            }
        }
        try {
            createNode(entry, path, content);
        } catch (FileAlreadyExistsException exists) {
            replace(path);
            createNode(entry, path, content);
        }
    }

    /**
     * An entry Berth does not create still replaces what an earlier one made at its path;
     * {@code why} (null: nothing worth a warning) goes to the warning.
     */
    private void skip(Path path, String why) throws IOException {
        replaceIfPresent(path);
        if (why != null) {
            skipped.add(why);
        }
    }

    private void replaceIfPresent(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            replace(path);
        }
    }

    private boolean isUnderDev(Path path) {
        Path relative = root.relativize(path);
        return relative.getNameCount() > 1 && relative.getName(0).toString().equals("dev");
    }

    /** What is at {@code path} goes: a later entry for a path replaces the earlier one. */
    private void replace(Path path) throws IOException {
        forget(path);
        FileTrees.deleteRecursively(path);
    }

    /**
     * Makes the non-directory {@code entry} at {@code path}; FileAlreadyExistsException, before
     * anything of the entry's content was read, when something is there already.
     */
    private void createNode(TarArchiveEntry entry, Path path, InputStream content) throws IOException {
        if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            hardlink(entry, path);
            return; // a hardlink shares its target's inode, owner and mode
        } else if (entry.isFIFO()) {
            FileNodes.mknod(path, FileNodes.S_IFIFO, entry.getMode(), 0, 0);
        } else if (entry.isCharacterDevice() && entry.getDevMajor() == 0 && entry.getDevMinor() == 0) {
            FileNodes.mknod(path, FileNodes.S_IFCHR, entry.getMode(), 0, 0); // already an overlay whiteout
        } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            // Under /dev nothing is lost: every container gets its own /dev over it (Docker too), so
            // no warning for the nodes that every Debian or Ubuntu root filesystem carries there.
            String why = entry.getName() + ": device node " + entry.getDevMajor() + ":" + entry.getDevMinor() + " not created";
            skip(path, isUnderDev(path) ? null : why);
            return;
        } else if (entry.isFile()) {
            if (entry.isSparse()) {
                SparseFiles.write(path, entry, content);
            } else {
                try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    if (recorder != null) {
                        recorder.beginFile(path);
                    }
                    copy(content, out);
                    if (recorder != null) {
                        recorder.endFile();
                    }
                }
            }
        } else {
            skip(path, entry.getName() + ": tar entry type '" + (char) entry.getLinkFlag() + "' not supported");
            return;
        }
        FileMetadata.applyXattrs(path, entry, skipped);
        FileMetadata.apply(path, entry, ROOT);
    }

    private Path parentOf(List<String> components) throws IOException {
        List<String> parentName = components.subList(0, components.size() - 1);
        Path parent = knownParents.get(parentName);
        if (parent == null) {
            parent = ScopedPaths.resolveFollowing(root, parentName);
            Files.createDirectories(parent);
            knownParents.put(List.copyOf(parentName), parent);
        }
        return parent;
    }

    /**
     * A file's content in writes of up to 256 KiB (transferTo writes 8 KiB at a time: 72,662 write
     * calls for the benchmark's 536 MB layer, where most files fit in one).
     */
    private void copy(InputStream content, OutputStream out) throws IOException {
        while (true) {
            int filled = content.readNBytes(copyBuffer, 0, copyBuffer.length);
            if (filled > 0) {
                out.write(copyBuffer, 0, filled);
            }
            if (filled < copyBuffer.length) {
                return;
            }
        }
    }

    private void whiteout(TarArchiveEntry entry, Path parent, String base) throws IOException {
        if (base.equals(OPAQUE)) {
            FileNodes.lsetxattr(parent, OPAQUE_XATTR, "y".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
            return; // aufs bookkeeping (.wh..wh.plnk, .wh..wh.aufs): Docker skips these too
        }
        String hidden = base.substring(WHITEOUT_PREFIX.length());
        if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
            throw new UnsafeArchiveException("whiteout \"" + entry.getName() + "\" names no file");
        }
        Path path = parent.resolve(hidden);
        replaceIfPresent(path);
        FileNodes.mknod(path, FileNodes.S_IFCHR, 0, 0, 0);
        FileMetadata.applyOwner(path, entry, ROOT);
    }

    /** A replaced directory's deferred metadata must not land on what replaces it, nor a parent resolve through it. */
    private void forget(Path replaced) {
        directories.keySet().removeIf(dir -> dir.startsWith(replaced));
        knownParents.clear();
        if (recorder != null) {
            recorder.replacing(replaced);
        }
    }

    private void hardlink(TarArchiveEntry entry, Path path) throws IOException {
        List<String> target = ScopedPaths.clean(entry.getLinkName());
        if (target.isEmpty()) {
            throw new UnsafeArchiveException("hardlink \"" + entry.getName() + "\" points at the layer root");
        }
        Path targetPath = ScopedPaths.resolveParentFollowing(root, target);
        if (!Files.exists(targetPath, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeArchiveException("hardlink \"" + entry.getName() + "\" points at \""
                    + entry.getLinkName() + "\", which is not in the layer");
        }
        if (Files.isDirectory(targetPath, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeArchiveException("hardlink \"" + entry.getName() + "\" points at a directory");
        }
        Files.createLink(path, targetPath);
    }
}
