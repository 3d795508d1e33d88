package io.berth.runtime.linux;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path inside a root directory the way the kernel would if that directory were "/":
 * component by component with O_PATH|O_NOFOLLOW, symlinks (absolute or relative, even
 * "/../../etc") expanded by hand against the root, ".." never climbing above it. The result is an
 * O_PATH descriptor; mount onto it through {@link #procPath}, so nothing an image contains can make
 * Berth mount or write outside its root. (securejoin, as runc uses it.) The supervisor's side:
 * exec's executable search, volume copy-up, reading a container's files; the container init
 * stage does the same in C with openat2(RESOLVE_IN_ROOT) (runtime/src/main/c/root-setup.c).
 */
public final class SecureJoin {
    private static final int MAX_SYMLINKS = 40;
    private static final int WALK_FLAGS = FdCalls.O_PATH | FdCalls.O_NOFOLLOW;

    /** What to do when the path (or part of it) does not exist. */
    public enum Create { NOTHING, DIRECTORY, FILE }

    private SecureJoin() {
    }

    /** The magic link the kernel resolves to exactly what {@code fd} holds. */
    public static String procPath(int fd) {
        return "/proc/self/fd/" + fd;
    }

    /**
     * Opens {@code path} (absolute, meaning relative to the root) under {@code rootFd}.
     * Missing parents become directories (mode 0755) when {@code create} is not NOTHING;
     * a missing last component becomes what {@code create} says.
     */
    public static int open(int rootFd, String path, Create create) {
        Deque<String> todo = new ArrayDeque<>(components(path));
        Deque<Integer> walked = new ArrayDeque<>();
        walked.push(PathCalls.openat(rootFd, ".", WALK_FLAGS | FdCalls.O_DIRECTORY, 0, "/"));
        int symlinks = 0;
        StringBuilder shown = new StringBuilder();
        try {
            while (!todo.isEmpty()) {
                String name = todo.pollFirst();
                if (name.equals("..")) {
                    if (walked.size() > 1) {
                        FdCalls.closeQuietly(walked.pop());
                    }
                    continue;
                }
                shown.append('/').append(name);
                int fd = openOrCreate(walked.peek(), name, todo.isEmpty() ? create : dirsOnly(create), shown);
                int type = PathCalls.mode(fd, shown.toString()) & PathCalls.S_IFMT;
                if (type == PathCalls.S_IFLNK) {
                    String target = PathCalls.readlink(fd, shown.toString());
                    FdCalls.closeQuietly(fd);
                    if (++symlinks > MAX_SYMLINKS) {
                        throw new LinuxException("resolve", path + " in root", ErrnoNames.ELOOP);
                    }
                    if (target.startsWith("/")) {
                        while (walked.size() > 1) {
                            FdCalls.closeQuietly(walked.pop());
                        }
                    }
                    List<String> expanded = components(target);
                    for (int i = expanded.size() - 1; i >= 0; i--) {
                        todo.addFirst(expanded.get(i));
                    }
                    continue;
                }
                if (!todo.isEmpty() && type != PathCalls.S_IFDIR) {
                    FdCalls.closeQuietly(fd);
                    throw new LinuxException("resolve", shown + " in root", ErrnoNames.ENOTDIR);
                }
                walked.push(fd);
            }
            if (create == Create.NOTHING && path.endsWith("/")
                    && (PathCalls.mode(walked.peek(), shown.toString()) & PathCalls.S_IFMT) != PathCalls.S_IFDIR) {
                // a trailing slash asks for a directory, as the kernel (and the init stage's openat2) reads it
                throw new LinuxException("resolve", path + " in root", ErrnoNames.ENOTDIR);
            }
            return walked.pop();
        } finally {
            walked.forEach(FdCalls::closeQuietly);
        }
    }

    /**
     * Reads a regular file inside the root (e.g. an image's or a running container's /etc/passwd,
     * with rootFd open on /proc/PID/root); empty when it does not exist.
     */
    public static java.util.Optional<byte[]> readFile(int rootFd, String path, int maxBytes) {
        int pathFd;
        try {
            pathFd = open(rootFd, path, Create.NOTHING);
        } catch (LinuxException e) {
            if (e.errno() == ErrnoNames.ENOENT || e.errno() == ErrnoNames.ENOTDIR) {
                return java.util.Optional.empty();
            }
            throw e;
        }
        try {
            if ((PathCalls.mode(pathFd, path) & PathCalls.S_IFMT) != PathCalls.S_IFREG) {
                throw new LinuxException("read", path + " in root (not a regular file)", ErrnoNames.EINVAL);
            }
            int fd = FdCalls.open(procPath(pathFd), FdCalls.O_RDONLY, 0);
            try {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                while (out.size() < maxBytes) {
                    byte[] chunk = FdCalls.read(fd, Math.min(8192, maxBytes - out.size()));
                    if (chunk.length == 0) {
                        break;
                    }
                    out.writeBytes(chunk);
                }
                return java.util.Optional.of(out.toByteArray());
            } finally {
                FdCalls.closeQuietly(fd);
            }
        } finally {
            FdCalls.closeQuietly(pathFd);
        }
    }

    private static Create dirsOnly(Create create) {
        return create == Create.NOTHING ? Create.NOTHING : Create.DIRECTORY;
    }

    private static int openOrCreate(int dirFd, String name, Create create, CharSequence shown) {
        int fd = PathCalls.tryOpenat(dirFd, name, WALK_FLAGS, 0);
        if (fd == -ErrnoNames.ENOENT && create != Create.NOTHING) {
            if (create == Create.DIRECTORY) {
                PathCalls.mkdirat(dirFd, name, 0755, shown.toString());
            } else {
                int created = PathCalls.tryOpenat(dirFd, name,
                        FdCalls.O_CREAT | FdCalls.O_EXCL | FdCalls.O_WRONLY | FdCalls.O_NOFOLLOW, 0644);
                if (created >= 0) {
                    FdCalls.closeQuietly(created);
                } else if (created != -ErrnoNames.EEXIST) {
                    throw new LinuxException("openat", shown.toString(), -created);
                }
            }
            fd = PathCalls.tryOpenat(dirFd, name, WALK_FLAGS, 0);
        }
        if (fd < 0) {
            throw new LinuxException("openat", shown.toString(), -fd);
        }
        return fd;
    }

    private static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }
}
