package io.berth.runtime.copy;

import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.linux.ErrnoNames;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.LinuxException;
import io.berth.runtime.linux.PathCalls;
import io.berth.runtime.linux.SecureJoin;
import io.berth.runtime.linux.TreeCalls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Writes tar entries under a directory of a root. Each entry's parent is resolved inside the root
 * (symlinks followed as the root's own, never out of it; missing directories made), and its last
 * name is written under that directory's descriptor without following it: an existing symlink is
 * replaced, never written through. Entry names with ".." or that climb out are refused.
 */
final class TreeExtractor implements EntrySink {
    private static final int PATH_NOFOLLOW = FdCalls.O_PATH | FdCalls.O_NOFOLLOW;
    private final RootDirectory root;
    private final String directory;
    private final Owners owners;
    private final List<String> warnings;
    /** Directories written, with their times: set last, since writing inside one changes its mtime. */
    private final List<TarArchiveEntry> directories = new ArrayList<>();

    TreeExtractor(RootDirectory root, String directory, Owners owners, List<String> warnings) {
        this.root = root;
        this.directory = directory;
        this.owners = owners;
        this.warnings = warnings;
    }

    @Override
    public void accept(TarArchiveEntry entry, InputStream content) throws IOException {
        List<String> names = names(entry.getName());
        if (names.isEmpty()) {
            return; // "./": the directory itself
        }
        String parentPath = join(directory, names.subList(0, names.size() - 1));
        String name = names.get(names.size() - 1);
        String shown = join(parentPath, List.of(name));
        int parentFd = SecureJoin.open(root.fd(), parentPath, SecureJoin.Create.DIRECTORY);
        try {
            if (entry.isDirectory()) {
                writeDirectory(parentFd, name, shown, entry);
            } else if (entry.isSymbolicLink()) {
                removeExisting(parentFd, name, shown);
                TreeCalls.symlinkat(entry.getLinkName(), parentFd, name, shown);
                if (owners.changes()) {
                    TreeCalls.chownAt(parentFd, name, owners.uidFor(entry.getLongUserId()),
                            owners.gidFor(entry.getLongGroupId()), shown);
                }
                setTimes(parentFd, name, entry, shown);
            } else if (entry.isLink()) {
                writeHardLinkAsCopy(parentFd, name, shown, entry);
            } else if (entry.isFile()) {
                writeFile(parentFd, name, shown, entry, content);
            } else {
                warnings.add("skipped " + entry.getName() + ": devices, FIFOs and sockets are not copied");
            }
        } finally {
            FdCalls.closeQuietly(parentFd);
        }
    }

    /** Sets the directories' times, deepest first. */
    void finish() {
        for (int i = directories.size() - 1; i >= 0; i--) {
            TarArchiveEntry entry = directories.get(i);
            List<String> names = names(entry.getName());
            String parentPath = join(directory, names.subList(0, names.size() - 1));
            int parentFd = SecureJoin.open(root.fd(), parentPath, SecureJoin.Create.NOTHING);
            try {
                setTimes(parentFd, names.get(names.size() - 1), entry, parentPath);
            } finally {
                FdCalls.closeQuietly(parentFd);
            }
        }
    }

    private void writeDirectory(int parentFd, String name, String shown, TarArchiveEntry entry) {
        TreeCalls.Stat existing = statOrNull(parentFd, name, shown);
        if (existing != null && existing.type() != PathCalls.S_IFDIR) {
            TreeCalls.unlinkat(parentFd, name, false, shown);
        }
        PathCalls.mkdirat(parentFd, name, 0700, shown);
        int fd = PathCalls.openat(parentFd, name, FdCalls.O_RDONLY | FdCalls.O_DIRECTORY | FdCalls.O_NOFOLLOW, 0, shown);
        try {
            applyOwnerAndMode(fd, entry, shown);
        } finally {
            FdCalls.closeQuietly(fd);
        }
        directories.add(entry);
    }

    private void writeFile(int parentFd, String name, String shown, TarArchiveEntry entry, InputStream content)
            throws IOException {
        removeExisting(parentFd, name, shown);
        int fd = PathCalls.openat(parentFd, name,
                FdCalls.O_WRONLY | FdCalls.O_CREAT | FdCalls.O_EXCL | FdCalls.O_NOFOLLOW, 0600, shown);
        try {
            byte[] buffer = new byte[64 * 1024];
            for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
                if (read > 0) {
                    FdCalls.writeAll(fd, read == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, read));
                }
            }
            applyOwnerAndMode(fd, entry, shown);
        } finally {
            FdCalls.closeQuietly(fd);
        }
        setTimes(parentFd, name, entry, shown);
    }

    /** A hard link becomes a copy of the file it names (written earlier under the same directory). */
    private void writeHardLinkAsCopy(int parentFd, String name, String shown, TarArchiveEntry entry) throws IOException {
        String target = join(directory, names(entry.getLinkName()));
        int targetFd;
        try {
            targetFd = SecureJoin.open(root.fd(), target, SecureJoin.Create.NOTHING);
        } catch (LinuxException e) {
            throw new RuntimeOperationException(Kind.INVALID, "the archive's hard link " + entry.getName()
                    + " names " + entry.getLinkName() + ", which is not in it: " + e.getMessage());
        }
        try (InputStream content = Files.newInputStream(Path.of(SecureJoin.procPath(targetFd)))) {
            writeFile(parentFd, name, shown, entry, content);
        } finally {
            FdCalls.closeQuietly(targetFd);
        }
    }

    private void applyOwnerAndMode(int fd, TarArchiveEntry entry, String shown) {
        if (owners.changes()) {
            FdCalls.chown(fd, owners.uidFor(entry.getLongUserId()), owners.gidFor(entry.getLongGroupId()));
        }
        TreeCalls.chmod(fd, entry.getMode(), shown); // after chown, which clears setuid bits
    }

    private void removeExisting(int parentFd, String name, String shown) {
        TreeCalls.Stat existing = statOrNull(parentFd, name, shown);
        if (existing == null) {
            return;
        }
        if (existing.type() == PathCalls.S_IFDIR) {
            throw new RuntimeOperationException(Kind.CONFLICT, "cannot overwrite the directory " + shown
                    + " in " + root.shown() + " with a non-directory");
        }
        TreeCalls.unlinkat(parentFd, name, false, shown);
    }

    private static TreeCalls.Stat statOrNull(int parentFd, String name, String shown) {
        int fd;
        try {
            fd = PathCalls.openat(parentFd, name, PATH_NOFOLLOW, 0, shown);
        } catch (LinuxException e) {
            if (e.errno() == ErrnoNames.ENOENT) {
                return null;
            }
            throw e;
        }
        try {
            return TreeCalls.stat(fd, shown);
        } finally {
            FdCalls.closeQuietly(fd);
        }
    }

    private static void setTimes(int parentFd, String name, TarArchiveEntry entry, String shown) {
        var time = entry.getLastModifiedTime().toInstant();
        TreeCalls.setTimes(parentFd, name, time.getEpochSecond(), time.getNano(), shown);
    }

    /** An entry's names, "." and empty ones dropped; ".." refused (an archive must not climb out). */
    static List<String> names(String entryName) {
        List<String> names = new ArrayList<>();
        for (String part : entryName.split("/")) {
            if (part.equals("..")) {
                throw new RuntimeOperationException(Kind.INVALID, "the archive's entry " + entryName
                        + " climbs out of the destination with \"..\"; refused");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                names.add(part);
            }
        }
        return names;
    }

    private static String join(String base, List<String> names) {
        StringBuilder path = new StringBuilder(base);
        for (String name : names) {
            if (path.length() == 0 || path.charAt(path.length() - 1) != '/') {
                path.append('/');
            }
            path.append(name);
        }
        return path.toString();
    }
}
