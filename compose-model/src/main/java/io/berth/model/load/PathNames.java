package io.berth.model.load;

import java.nio.file.Path;

/** Path text handling as Go's {@code filepath} does it (Clean, Join, Abs), on strings. */
final class PathNames {
    private PathNames() {
    }

    /** Go's path.Clean: no trailing slash, no {@code .}/{@code ..} segments, no doubled slashes. */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean absolute = path.startsWith("/");
        String normalized = Path.of(path).normalize().toString();
        if (normalized.isEmpty()) {
            return absolute ? "/" : ".";
        }
        return normalized;
    }

    /** Absolute form of {@code path} relative to {@code base}; {@code ~} is the home directory. */
    static String absolute(String path, String base, String home) {
        if (path.equals("~") || path.startsWith("~/")) {
            return clean(home + path.substring(1));
        }
        if (path.startsWith("/")) {
            return path;
        }
        return clean(base + "/" + path);
    }
}
