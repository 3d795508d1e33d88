package io.berth.runtime.build.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Lists a directory tree as a build sees it: entries excluded by the ignore patterns left out,
 * symlinks not followed, sorted by path (a directory before its contents).
 */
public final class ContextWalker {
    private ContextWalker() {
    }

    /**
     * Every included entry under directory {@code relativeDir} of {@code root} (not the directory
     * itself), paths relative to {@code root}; the ignore patterns see those root-relative paths.
     */
    public static List<ContextEntry> walkUnder(Path root, String relativeDir, IgnorePatterns ignore) throws IOException {
        List<ContextEntry> entries = new ArrayList<>();
        if (relativeDir.isEmpty() || relativeDir.equals(".")) {
            walk(root, root, "", ignore, entries);
        } else {
            walk(root, root.resolve(relativeDir), relativeDir + "/", ignore, entries);
        }
        return entries;
    }

    /** Every included entry under {@code root} (the root itself not listed). */
    public static List<ContextEntry> walk(Path root, IgnorePatterns ignore) throws IOException {
        List<ContextEntry> entries = new ArrayList<>();
        walk(root, root, "", ignore, entries);
        return entries;
    }

    private static void walk(Path root, Path dir, String prefix, IgnorePatterns ignore, List<ContextEntry> out)
            throws IOException {
        List<Path> children;
        try (Stream<Path> listing = Files.list(dir)) {
            children = listing.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        }
        for (Path child : children) {
            String relative = prefix + child.getFileName();
            ContextEntry entry = entry(child, relative);
            if (entry.kind() == ContextEntry.Kind.DIRECTORY) {
                if (ignore.skipsDirectory(relative)) {
                    continue;
                }
                boolean excluded = ignore.excludes(relative);
                int before = out.size();
                if (!excluded) {
                    out.add(entry);
                }
                walk(root, child, relative + "/", ignore, out);
                if (excluded && out.size() > before) {
                    // a directory re-entered for an exception is listed so its contents have a parent
                    out.add(before, entry);
                }
            } else if (!ignore.excludes(relative)) {
                out.add(entry);
            }
        }
    }

    /** The entry of {@code file} (not following a symlink), named {@code relative}. */
    public static ContextEntry entry(Path file, String relative) throws IOException {
        Map<String, Object> unix = Files.readAttributes(file, "unix:mode,uid,gid,size", LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes posix = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int mode = ((Integer) unix.get("mode")) & 07777;
        ContextEntry.Kind kind;
        String target = null;
        if (posix.isSymbolicLink()) {
            kind = ContextEntry.Kind.SYMLINK;
            target = Files.readSymbolicLink(file).toString();
        } else if (posix.isDirectory()) {
            kind = ContextEntry.Kind.DIRECTORY;
        } else if (posix.isRegularFile()) {
            kind = ContextEntry.Kind.FILE;
        } else {
            kind = ContextEntry.Kind.OTHER;
        }
        long size = kind == ContextEntry.Kind.FILE ? (Long) unix.get("size") : 0;
        return new ContextEntry(relative, kind, mode, (Integer) unix.get("uid"), (Integer) unix.get("gid"), size, target);
    }

}
