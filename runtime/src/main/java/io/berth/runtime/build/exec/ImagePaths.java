package io.berth.runtime.build.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a destination path inside a stage's root as the kernel would inside the container:
 * symlinks of the image followed, but ".." and absolute targets never lead above the root (as
 * SecureJoin does). COPY writes into the resolved place, so a symlinked /bin or /usr/local/bin of
 * the image stays a symlink.
 */
final class ImagePaths {
    private static final int MAX_LINKS = 40;

    private ImagePaths() {
    }

    /** The path with every symlinked parent replaced by its target (the last component kept as is). */
    static String resolveParents(List<Path> layersTopFirst, String absolutePath) throws IOException {
        List<String> parts = split(absolutePath);
        if (parts.isEmpty()) {
            return "/";
        }
        String last = parts.remove(parts.size() - 1);
        String parent = resolve(layersTopFirst, parts);
        return (parent.equals("/") ? "" : parent) + "/" + last;
    }

    /** The path with every symlink resolved, all components. */
    static String resolveAll(List<Path> layersTopFirst, String absolutePath) throws IOException {
        return resolve(layersTopFirst, split(absolutePath));
    }

    private static String resolve(List<Path> layers, List<String> parts) throws IOException {
        Deque<String> pending = new ArrayDeque<>(parts);
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.removeFirst();
            if (part.equals(".") || part.isEmpty()) {
                continue;
            }
            if (part.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            String candidate = "/" + String.join("/", resolved) + (resolved.isEmpty() ? "" : "/") + part;
            Optional<Path> found = RootFiles.find(layers, candidate);
            if (found.isPresent() && Files.isSymbolicLink(found.get())) {
                if (++links > MAX_LINKS) {
                    throw new IOException(candidate + ": too many levels of symbolic links");
                }
                String target = Files.readSymbolicLink(found.get()).toString();
                List<String> rest = new ArrayList<>(split(target));
                rest.addAll(pending);
                pending = new ArrayDeque<>(rest);
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                continue;
            }
            resolved.add(part);
        }
        return "/" + String.join("/", resolved);
    }

    static boolean isDirectory(List<Path> layersTopFirst, String absolutePath) {
        try {
            Optional<Path> found = RootFiles.find(layersTopFirst, resolveAll(layersTopFirst, absolutePath));
            return found.isPresent() && Files.isDirectory(found.get(), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }
}
