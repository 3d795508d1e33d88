package io.berth.runtime.build.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads files of a stage's root without mounting it: a path is looked up layer by layer, top-most
 * first; a whiteout (0/0 character device) of it or of a parent hides what lies below. Symlinks
 * on the way are not followed (the files read here, /etc/passwd and /etc/group, are plain files).
 */
final class RootFiles {
    private RootFiles() {
    }

    /** The layer path that holds {@code absolutePath}, if any layer does. */
    static Optional<Path> find(List<Path> layersTopFirst, String absolutePath) {
        String relative = absolutePath.replaceAll("^/+", "");
        if (relative.isEmpty()) {
            return layersTopFirst.isEmpty() ? Optional.empty() : Optional.of(layersTopFirst.get(0));
        }
        for (Path layer : layersTopFirst) {
            Path candidate = layer.resolve(relative);
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return isWhiteout(candidate) ? Optional.empty() : Optional.of(candidate);
            }
            if (hiddenBy(layer, relative)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static boolean exists(List<Path> layersTopFirst, String absolutePath) {
        return find(layersTopFirst, absolutePath).isPresent();
    }

    static String readOrEmpty(List<Path> layersTopFirst, String absolutePath) {
        Optional<Path> file = find(layersTopFirst, absolutePath);
        if (file.isEmpty() || !Files.isRegularFile(file.get(), LinkOption.NOFOLLOW_LINKS)) {
            return "";
        }
        try {
            return Files.readString(file.get());
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Whether this layer hides {@code relative} (which it does not hold) from the layers below: a
     * parent is whited out, or is an opaque directory (its lower content replaced), or is no
     * directory here (a file or symlink replacing a lower directory).
     */
    private static boolean hiddenBy(Path layer, String relative) {
        int slash = relative.indexOf('/');
        while (slash > 0) {
            Path parent = layer.resolve(relative.substring(0, slash));
            if (Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS) || isOpaque(parent)) {
                    return true;
                }
            }
            slash = relative.indexOf('/', slash + 1);
        }
        return false;
    }

    private static boolean isOpaque(Path directory) {
        try {
            return "y".equals(io.berth.runtime.linux.FileNodes.lgetxattrString(directory, "trusted.overlay.opaque"));
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isWhiteout(Path path) {
        try {
            Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
            return (((Integer) attributes.get("mode")) & 0170000) == 0020000 && ((Long) attributes.get("rdev")) == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
