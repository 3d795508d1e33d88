package io.berth.runtime.build.context;

/**
 * One file system entry of a build context or a stage's root, relative to that root.
 *
 * @param path       slash-separated, relative, no leading "/", e.g. {@code src/app.py}
 * @param kind       file, directory, symlink or other (fifo, device: copied as they are)
 * @param mode       the permission bits incl. setuid/setgid/sticky (e.g. 0755)
 * @param uid        owner
 * @param gid        group
 * @param size       bytes for a file, 0 otherwise
 * @param linkTarget the target of a symlink as stored, null otherwise
 */
public record ContextEntry(String path, Kind kind, int mode, int uid, int gid, long size, String linkTarget) {
    public enum Kind { FILE, DIRECTORY, SYMLINK, OTHER }
}
