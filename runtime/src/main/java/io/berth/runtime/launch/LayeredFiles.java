package io.berth.runtime.launch;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds a file as the overlay would show it, from layer directories top-most first: a whiteout
 * ({@code .wh.NAME}) hides it and everything below, an opaque directory ({@code .wh..wh..opq})
 * hides its lower contents. Symlinks are not followed out of the layers: an absolute link is
 * looked up again inside them (once), so an image cannot make Berth read the host's files.
 */
public final class LayeredFiles {
    private LayeredFiles() {
    }

    public static Optional<Path> find(List<Path> layersTopFirst, String relativePath) {
        return find(layersTopFirst, relativePath, 2);
    }

    /** A text file's content as the overlay would show it; empty text when there is none. */
    public static String read(List<Path> layersTopFirst, String relativePath) {
        Optional<Path> file = find(layersTopFirst, relativePath);
        if (file.isEmpty()) {
            return "";
        }
        try {
            return Files.readString(file.get());
        } catch (java.io.IOException e) {
            throw new io.berth.runtime.RuntimeOperationException(io.berth.runtime.RuntimeOperationException.Kind.FAILED,
                    "read the image's /" + relativePath + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Path> find(List<Path> layers, String relativePath, int linksLeft) {
        String clean = relativePath.replaceAll("^/+", "");
        String[] parts = clean.split("/");
        for (Path layer : layers) {
            Path candidate = layer.resolve(clean);
            if (Files.isSymbolicLink(candidate)) {
                if (linksLeft == 0) {
                    return Optional.empty();
                }
                try {
                    String target = Files.readSymbolicLink(candidate).toString();
                    String parent = clean.contains("/") ? clean.substring(0, clean.lastIndexOf('/')) : "";
                    String next = target.startsWith("/") ? target : parent + "/" + target;
                    if (Path.of("/" + next).normalize().toString().startsWith("/..")) {
                        return Optional.empty();
                    }
                    return find(layers, Path.of("/" + next).normalize().toString(), linksLeft - 1);
                } catch (java.io.IOException e) {
                    return Optional.empty();
                }
            }
            if (Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(candidate);
            }
            if (hiddenBelow(layer, parts)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** True when this layer whites out the path or makes one of its parent directories opaque. */
    private static boolean hiddenBelow(Path layer, String[] parts) {
        Path dir = layer;
        for (int i = 0; i < parts.length; i++) {
            if (Files.exists(dir.resolve(".wh." + parts[i]), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
            if (i > 0 && Files.exists(dir.resolve(".wh..wh..opq"), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
            dir = dir.resolve(parts[i]);
        }
        return false;
    }
}
