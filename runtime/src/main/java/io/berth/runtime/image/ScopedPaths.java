package io.berth.runtime.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Paths inside an unpacking root, resolved as if the root were "/" (like Docker's chroot'ed
 * unpack, or securejoin): every symlink met on the way is followed inside the root, and ".."
 * stops at the root. Whatever a layer's earlier entries made, a later entry cannot be written
 * outside the root through them.
 */
final class ScopedPaths {
    private static final int MAX_SYMLINK_HOPS = 255;

    private ScopedPaths() {
    }

    /**
     * The entry name as clean components. An absolute name is taken relative to the root (Docker
     * does the same); a relative name that climbs above the root with ".." is refused.
     */
    static List<String> clean(String entryName) throws UnsafeArchiveException {
        boolean absolute = entryName.startsWith("/");
        List<String> components = new ArrayList<>();
        for (String component : entryName.split("/")) {
            if (component.isEmpty() || component.equals(".")) {
                continue;
            }
            if (component.equals("..")) {
                if (components.isEmpty()) {
                    if (absolute) {
                        continue;
                    }
                    throw new UnsafeArchiveException("entry \"" + entryName + "\" leads out of the layer root");
                }
                components.remove(components.size() - 1);
                continue;
            }
            if (component.indexOf('\0') >= 0) {
                throw new UnsafeArchiveException("entry \"" + entryName + "\" has a NUL byte in its name");
            }
            components.add(component);
        }
        return components;
    }

    /**
     * The real directory that {@code components} name inside {@code root}, every symlink
     * followed within the root. Components that do not exist yet are kept as they are.
     */
    static Path resolveFollowing(Path root, List<String> components) throws IOException {
        Deque<String> todo = new ArrayDeque<>(components);
        List<String> current = new ArrayList<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String component = todo.pollFirst();
            if (component.isEmpty() || component.equals(".")) {
                continue;
            }
            if (component.equals("..")) {
                if (!current.isEmpty()) {
                    current.remove(current.size() - 1);
                }
                continue;
            }
            Path candidate = join(root, current).resolve(component);
            if (Files.isSymbolicLink(candidate)) {
                if (++hops > MAX_SYMLINK_HOPS) {
                    throw new UnsafeArchiveException("too many levels of symbolic links at " + candidate);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    current.clear();
                }
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    todo.addFirst(parts[i]);
                }
            } else {
                current.add(component);
            }
        }
        return join(root, current);
    }

    /**
     * The entry that {@code components} (not empty) name inside {@code root}: its parent resolved
     * as {@link #resolveFollowing} does, its last component not followed (it may be a symlink).
     */
    static Path resolveParentFollowing(Path root, List<String> components) throws IOException {
        Path parent = resolveFollowing(root, components.subList(0, components.size() - 1));
        return parent.resolve(components.get(components.size() - 1));
    }

    static Path join(Path root, List<String> components) {
        Path path = root;
        for (String component : components) {
            path = path.resolve(component);
        }
        return path;
    }
}
