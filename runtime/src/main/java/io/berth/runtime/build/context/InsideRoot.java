package io.berth.runtime.build.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path inside a root directory the way a container would see it: every symlink on the
 * way is followed with its target taken inside the root ("/" is the root, ".." stops there), so a
 * stage's {@code /lib -> /usr/lib} never leads to the host's files.
 */
public final class InsideRoot {
    private static final int MAX_LINKS = 40;

    private InsideRoot() {
    }

    /**
     * The path of {@code relative} inside {@code root} with no symlink in it (but the last
     * component's, when {@code followLast} is false), relative to the root ("" for the root).
     */
    public static String resolve(Path root, String relative, boolean followLast) throws IOException {
        Deque<String> pending = new ArrayDeque<>(components(relative));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.removeFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            resolved.add(part);
            Path candidate = root.resolve(String.join("/", resolved));
            if ((pending.isEmpty() && !followLast) || !Files.isSymbolicLink(candidate)) {
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new IOException(relative + ": too many levels of symbolic links");
            }
            String target = Files.readSymbolicLink(candidate).toString();
            resolved.remove(resolved.size() - 1);
            if (target.startsWith("/")) {
                resolved.clear();
            }
            List<String> targetParts = components(target);
            for (int i = targetParts.size() - 1; i >= 0; i--) {
                pending.addFirst(targetParts.get(i));
            }
        }
        return String.join("/", resolved);
    }

    private static List<String> components(String path) {
        return Arrays.asList(path.split("/"));
    }
}
