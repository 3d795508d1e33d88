package io.berth.runtime.image;

import io.berth.runtime.linux.FileNodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** A tar entry's owner, mode, mtime and xattrs put on the file it became, never through a symlink. */
final class FileMetadata {
    private static final String PAX_XATTR = "SCHILY.xattr.";

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

    /**
     * The entry's PAX xattrs ({@code SCHILY.xattr.NAME}), but for {@code trusted.overlay.}: only
     * Berth decides what overlayfs sees. What is dropped or cannot be set is added to {@code skipped}.
     */
    static void applyXattrs(Path path, TarArchiveEntry entry, List<String> skipped) {
        for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
            if (!header.getKey().startsWith(PAX_XATTR)) {
                continue;
            }
            String name = header.getKey().substring(PAX_XATTR.length());
            if (name.startsWith("trusted.overlay.")) {
                skipped.add(entry.getName() + ": xattr " + name + " dropped");
                continue;
            }
            try {
                FileNodes.lsetxattr(path, name, header.getValue().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                skipped.add(entry.getName() + ": xattr " + name + " not set (" + e.getMessage() + ")");
            }
        }
    }
}
