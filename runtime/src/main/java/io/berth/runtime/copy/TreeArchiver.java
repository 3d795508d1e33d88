package io.berth.runtime.copy;

import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.PathCalls;
import io.berth.runtime.linux.SecureJoin;
import io.berth.runtime.linux.TreeCalls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Turns a tree into tar entries, walking it by descriptors: each child is opened O_PATH|O_NOFOLLOW
 * under its parent's descriptor, so a symlink inside is copied as a symlink and never followed,
 * and a directory swapped for a symlink while the walk runs cannot lead it elsewhere.
 */
final class TreeArchiver {
    private final List<String> warnings;

    TreeArchiver(List<String> warnings) {
        this.warnings = warnings;
    }

    /** Emits the entry open at {@code fd} as {@code name} (empty: a directory's contents only), and below it. */
    void emit(int fd, String shown, String name, EntrySink sink) throws IOException {
        TreeCalls.Stat stat = TreeCalls.stat(fd, shown);
        int type = stat.type();
        if (type == PathCalls.S_IFDIR) {
            if (!name.isEmpty()) {
                sink.accept(entry(name + "/", TarConstants.LF_DIR, stat), null);
            }
            for (String child : TreeCalls.list(fd, shown)) {
                String childShown = shown.endsWith("/") ? shown + child : shown + "/" + child;
                int childFd = PathCalls.openat(fd, child, FdCalls.O_PATH | FdCalls.O_NOFOLLOW, 0, childShown);
                try {
                    emit(childFd, childShown, name.isEmpty() ? child : name + "/" + child, sink);
                } finally {
                    FdCalls.closeQuietly(childFd);
                }
            }
        } else if (type == PathCalls.S_IFREG) {
            TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, stat);
            entry.setSize(stat.size());
            // The descriptor's own inode, reopened for reading through its /proc/self/fd link.
            try (InputStream content = Files.newInputStream(Path.of(SecureJoin.procPath(fd)))) {
                sink.accept(entry, new ExactLengthInput(content, stat.size()));
            }
        } else if (type == PathCalls.S_IFLNK) {
            TarArchiveEntry entry = entry(name, TarConstants.LF_SYMLINK, stat);
            entry.setLinkName(PathCalls.readlink(fd, shown));
            sink.accept(entry, null);
        } else {
            warnings.add("skipped " + shown + ": devices, FIFOs and sockets are not copied");
        }
    }

    private static TarArchiveEntry entry(String name, byte type, TreeCalls.Stat stat) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setMode(stat.mode());
        entry.setUserId(stat.uid());
        entry.setGroupId(stat.gid());
        entry.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(stat.mtimeSeconds(), stat.mtimeNanos())));
        return entry;
    }
}
