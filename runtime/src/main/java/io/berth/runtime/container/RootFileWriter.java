package io.berth.runtime.container;

import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.FileNodes;
import io.berth.runtime.linux.LinuxException;
import io.berth.runtime.linux.PathCalls;
import io.berth.runtime.linux.SecureJoin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes and deletes files of a running container from the host, through /proc/PID/root (so its
 * volumes and binds are seen as the container sees them). Every parent directory is resolved inside
 * that root ({@link SecureJoin}); below it only single names are used, relative to a descriptor,
 * never followed when they are symlinks: a symlink in the container cannot lead a write or a
 * delete to the host's files, even when the container swaps directories while it runs.
 * A file is written to a temporary name in its directory and renamed over the old one, so a
 * process in the container reads either the old content or the new, never half of it.
 */
public final class RootFileWriter implements AutoCloseable {
    private static final int DIRECTORY_PATH = FdCalls.O_PATH | FdCalls.O_NOFOLLOW | FdCalls.O_DIRECTORY;
    private final int rootFd;
    private final int uid;
    private final int gid;

    private RootFileWriter(int rootFd, int uid, int gid) {
        this.rootFd = rootFd;
        this.uid = uid;
        this.gid = gid;
    }

    /** The root of process {@code pid}; what it creates belongs to uid:gid. */
    public static RootFileWriter open(long pid, int uid, int gid) {
        return new RootFileWriter(FdCalls.open("/proc/" + pid + "/root", FdCalls.O_PATH | FdCalls.O_DIRECTORY, 0), uid, gid);
    }

    /** Copies the host's file, symlink or directory (recursively) to {@code containerPath}, replacing what is there. */
    public void copy(Path hostPath, String containerPath) {
        String[] split = split(containerPath);
        int dirFd = SecureJoin.open(rootFd, split[0], SecureJoin.Create.DIRECTORY);
        try {
            requireDirectory(dirFd, split[0]);
            copyInto(dirFd, split[1], hostPath, containerPath);
        } finally {
            FdCalls.closeQuietly(dirFd);
        }
    }

    /** Removes {@code containerPath} (a directory with everything in it); nothing when it is not there. */
    public void delete(String containerPath) {
        String[] split = split(containerPath);
        int dirFd;
        try {
            dirFd = SecureJoin.open(rootFd, split[0], SecureJoin.Create.NOTHING);
        } catch (LinuxException missing) {
            return; // its directory is not there, so neither is it
        }
        try {
            if (isDirectory(dirFd, split[0])) {
                deleteAt(dirFd, split[1]);
            }
        } finally {
            FdCalls.closeQuietly(dirFd);
        }
    }

    private void copyInto(int dirFd, String name, Path hostPath, String shown) {
        try {
            if (Files.isSymbolicLink(hostPath)) {
                String temp = tempName(name);
                Files.createSymbolicLink(at(dirFd, temp), Files.readSymbolicLink(hostPath));
                Files.setAttribute(at(dirFd, temp), "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(at(dirFd, temp), "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
                replaceWith(dirFd, temp, name);
            } else if (Files.isDirectory(hostPath)) {
                int childFd = directoryAt(dirFd, name, mode(hostPath), shown);
                try (Stream<Path> children = Files.list(hostPath)) {
                    for (Path child : children.sorted().toList()) {
                        copyInto(childFd, child.getFileName().toString(), child, shown + "/" + child.getFileName());
                    }
                } finally {
                    FdCalls.closeQuietly(childFd);
                }
            } else if (Files.isRegularFile(hostPath)) {
                writeFile(dirFd, name, hostPath, shown);
            }
            // sockets, fifos and devices of the host are not copied (Compose's tar skips them too)
        } catch (NoSuchFileException gone) {
            // deleted on the host while copying: the next batch deletes it in the container
        } catch (IOException e) {
            throw new UncheckedIOException("copy " + hostPath + " to " + shown + " in the container: " + e.getMessage(), e);
        }
    }

    private void writeFile(int dirFd, String name, Path hostPath, String shown) throws IOException {
        String temp = tempName(name);
        int out = PathCalls.openat(dirFd, temp, FdCalls.O_WRONLY | FdCalls.O_CREAT | FdCalls.O_EXCL | FdCalls.O_NOFOLLOW,
                0600, shown);
        try (InputStream in = Files.newInputStream(hostPath)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                FdCalls.writeAll(out, read == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, read));
            }
            FdCalls.chown(out, uid, gid);
            FileNodes.chmod(Path.of(SecureJoin.procPath(out)), mode(hostPath));
        } catch (IOException | RuntimeException failure) {
            FdCalls.closeQuietly(out);
            Files.deleteIfExists(at(dirFd, temp));
            throw failure;
        }
        FdCalls.closeQuietly(out);
        replaceWith(dirFd, temp, name);
    }

    /** Renames temp over name; a directory in the way is removed first. */
    private void replaceWith(int dirFd, String temp, String name) throws IOException {
        try {
            Files.move(at(dirFd, temp), at(dirFd, name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException inTheWay) {
            if (!Files.isDirectory(at(dirFd, name), LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(at(dirFd, temp));
                throw inTheWay;
            }
            deleteAt(dirFd, name);
            Files.move(at(dirFd, temp), at(dirFd, name), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The directory {@code name} under dirFd, made when missing; a file or symlink there is replaced. */
    private int directoryAt(int dirFd, String name, int mode, String shown) throws IOException {
        Path path = at(dirFd, name);
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(path);
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            PathCalls.mkdirat(dirFd, name, 0700, shown);
            int made = PathCalls.openat(dirFd, name, DIRECTORY_PATH, 0, shown);
            try {
                Files.setAttribute(Path.of(SecureJoin.procPath(made)), "unix:uid", uid);
                Files.setAttribute(Path.of(SecureJoin.procPath(made)), "unix:gid", gid);
                FileNodes.chmod(Path.of(SecureJoin.procPath(made)), mode);
            } catch (IOException | RuntimeException failure) {
                FdCalls.closeQuietly(made);
                throw failure;
            }
            return made;
        }
        return PathCalls.openat(dirFd, name, DIRECTORY_PATH, 0, shown);
    }

    /** Removes name under dirFd, descending into directories by descriptor, never through a symlink. */
    private void deleteAt(int dirFd, String name) {
        Path path = at(dirFd, name);
        try {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                int childFd = PathCalls.openat(dirFd, name, DIRECTORY_PATH, 0, name);
                try {
                    List<String> entries = new ArrayList<>();
                    try (Stream<Path> list = Files.list(Path.of(SecureJoin.procPath(childFd)))) {
                        list.forEach(entry -> entries.add(entry.getFileName().toString()));
                    }
                    entries.forEach(entry -> deleteAt(childFd, entry));
                } finally {
                    FdCalls.closeQuietly(childFd);
                }
            }
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("delete " + name + " in the container: " + e.getMessage(), e);
        }
    }

    private static Path at(int dirFd, String name) {
        return Path.of(SecureJoin.procPath(dirFd), name);
    }

    private static String tempName(String name) {
        return ".berth-sync-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + "-"
                + (name.length() > 40 ? name.substring(0, 40) : name);
    }

    private static int mode(Path hostPath) throws IOException {
        return (Integer) Files.getAttribute(hostPath, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static boolean isDirectory(int fd, String shown) {
        return (PathCalls.mode(fd, shown) & PathCalls.S_IFMT) == PathCalls.S_IFDIR;
    }

    private static void requireDirectory(int fd, String shown) {
        if (!isDirectory(fd, shown)) {
            throw new UncheckedIOException(new IOException(shown + " in the container is not a directory"));
        }
    }

    /** {parent, name} of an absolute container path, cleaned; the root itself has no name and is refused. */
    static String[] split(String containerPath) {
        Path clean = Path.of("/").resolve(containerPath).normalize();
        if (clean.getFileName() == null || clean.getFileName().toString().equals("..")) {
            throw new IllegalArgumentException("cannot replace the container's root directory (" + containerPath + ")");
        }
        Path parent = clean.getParent();
        return new String[] {parent == null ? "/" : parent.toString(), clean.getFileName().toString()};
    }

    @Override
    public void close() {
        FdCalls.closeQuietly(rootFd);
    }
}
