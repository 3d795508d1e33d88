package io.berth.runtime.copy;

import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.copy.CopyRules.PathKind;
import io.berth.runtime.linux.ErrnoNames;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.LinuxException;
import io.berth.runtime.linux.PathCalls;
import io.berth.runtime.linux.SecureJoin;
import io.berth.runtime.linux.TreeCalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A copy between two roots (a container's and the host's), or between a root and a tar stream,
 * as {@code docker cp} does it. Returns the warnings (entries it could not copy).
 */
final class TreeCopy {
    private TreeCopy() {
    }

    static List<String> copy(RootDirectory from, String sourcePath, boolean followLink, RootDirectory to,
                             String destinationPath, Owners owners) {
        List<String> warnings = new ArrayList<>();
        int sourceFd = openSource(from, sourcePath, followLink);
        try {
            PathKind sourceKind = kind(sourceFd, sourcePath);
            CopyRules.Target target = CopyRules.target(sourcePath, sourceKind, destinationPath,
                    kindOf(to, destinationPath), kindOf(to, CopyRules.parent(destinationPath)));
            TreeExtractor extractor = new TreeExtractor(to, target.directory(), owners, warnings);
            new TreeArchiver(warnings).emit(sourceFd, sourcePath, target.topName(), extractor);
            extractor.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("copy " + sourcePath + " of " + from.shown() + " to " + destinationPath
                    + " of " + to.shown() + ": " + e.getMessage(), e);
        } finally {
            FdCalls.closeQuietly(sourceFd);
        }
        return warnings;
    }

    /** The source as a tar stream, its top entry named after it (only its contents with "dir/."). */
    static List<String> toArchive(RootDirectory from, String sourcePath, boolean followLink, OutputStream out) {
        List<String> warnings = new ArrayList<>();
        int sourceFd = openSource(from, sourcePath, followLink);
        try {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            String top = CopyRules.contentsOnly(sourcePath) ? "" : CopyRules.baseName(sourcePath);
            new TreeArchiver(warnings).emit(sourceFd, sourcePath, top, (entry, content) -> {
                        tar.putArchiveEntry(entry);
                        if (content != null) {
                            content.transferTo(tar);
                        }
                        tar.closeArchiveEntry();
                    });
            tar.finish();
            tar.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("write " + sourcePath + " of " + from.shown() + " as a tar stream: "
                    + e.getMessage(), e);
        } finally {
            FdCalls.closeQuietly(sourceFd);
        }
        return warnings;
    }

    /** A tar stream extracted into a directory, which must exist (docker cp - CONTAINER:DIR). */
    static List<String> fromArchive(InputStream in, RootDirectory to, String destinationPath, Owners owners) {
        if (kindOf(to, destinationPath) != PathKind.DIRECTORY) {
            throw new RuntimeOperationException(Kind.INVALID, "the destination " + destinationPath + " in "
                    + to.shown() + " must be an existing directory to extract a tar stream into");
        }
        List<String> warnings = new ArrayList<>();
        TreeExtractor extractor = new TreeExtractor(to, destinationPath, owners, warnings);
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                extractor.accept(entry, entry.isFile() && !entry.isLink() ? tar : null);
            }
            extractor.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("extract the tar stream into " + destinationPath + " of " + to.shown()
                    + ": " + e.getMessage(), e);
        }
        return warnings;
    }

    /**
     * The source, resolved inside its root; its own last name is not followed when it is a symlink
     * unless {@code followLink} ({@code -L}) or the path asks for a directory ({@code link/}).
     */
    static int openSource(RootDirectory root, String path, boolean followLink) {
        String base = CopyRules.baseName(path);
        boolean follow = followLink || CopyRules.mustBeDirectory(path) || base.isEmpty() || base.equals("..");
        int fd;
        try {
            if (follow) {
                fd = SecureJoin.open(root.fd(), path, SecureJoin.Create.NOTHING);
            } else {
                int parentFd = SecureJoin.open(root.fd(), CopyRules.parent(path), SecureJoin.Create.NOTHING);
                try {
                    fd = PathCalls.openat(parentFd, base, FdCalls.O_PATH | FdCalls.O_NOFOLLOW, 0, path);
                } finally {
                    FdCalls.closeQuietly(parentFd);
                }
            }
        } catch (LinuxException e) {
            if (e.errno() == ErrnoNames.ENOENT || e.errno() == ErrnoNames.ENOTDIR) {
                throw new RuntimeOperationException(Kind.NOT_FOUND, "could not find the file " + path + " in "
                        + root.shown());
            }
            throw e;
        }
        if (CopyRules.mustBeDirectory(path) && kind(fd, path) != PathKind.DIRECTORY) {
            FdCalls.closeQuietly(fd);
            throw new RuntimeOperationException(Kind.INVALID, path + " in " + root.shown() + ": not a directory");
        }
        return fd;
    }

    /** What the path names, symlinks followed inside the root. */
    static PathKind kindOf(RootDirectory root, String path) {
        int fd;
        try {
            fd = SecureJoin.open(root.fd(), path, SecureJoin.Create.NOTHING);
        } catch (LinuxException e) {
            if (e.errno() == ErrnoNames.ENOENT || e.errno() == ErrnoNames.ENOTDIR || e.errno() == ErrnoNames.ELOOP) {
                return PathKind.MISSING;
            }
            throw e;
        }
        try {
            return kind(fd, path);
        } finally {
            FdCalls.closeQuietly(fd);
        }
    }

    private static PathKind kind(int fd, String shown) {
        return TreeCalls.stat(fd, shown).type() == PathCalls.S_IFDIR ? PathKind.DIRECTORY : PathKind.FILE;
    }
}
