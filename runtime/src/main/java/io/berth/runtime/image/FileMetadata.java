package io.berth.runtime.image;

import io.berth.runtime.linux.FileNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** A tar entry's owner, mode and mtime put on the file it became, never through a symlink. */
final class FileMetadata {
    private FileMetadata() {
    }

    static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static void apply(Path path, TarArchiveEntry entry, boolean root) throws IOException {
        applyOwner(path, entry, root);
        if (!entry.isSymbolicLink()) {
            // After chown: chown clears setuid and setgid, so the mode must come second.
            FileNodes.chmod(path, entry.getMode() & 07777);
        }
        FileNodes.lutimes(path, entry.getLastModifiedTime().toInstant()); // PAX mtimes keep nanoseconds
    }

    /** lchown to the entry's numeric ids (names in the tar are ignored, as Docker does). */
    static void applyOwner(Path path, TarArchiveEntry entry, boolean root) throws IOException {
        if (!root) {
            return; // an unprivileged unpack keeps the caller's ids; overlay under root needs root anyway
        }
        FileNodes.lchown(path, (int) entry.getLongUserId(), (int) entry.getLongGroupId()); // one call, not two
    }
}
