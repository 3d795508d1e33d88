package io.berth.runtime.copy;

import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;

/**
 * Where a copy lands, by Docker's rules for {@code docker cp} (which Compose's cp follows): a file
 * onto an existing file replaces it, into an existing directory keeps its name; a directory into an
 * existing directory goes inside it, or only its contents with a trailing {@code /.}; a missing
 * destination takes the source's place under its parent, which must exist; a destination ending in
 * {@code /} must be a directory; a directory never goes onto a file.
 */
public final class CopyRules {
    /** What a path names on its side of the copy. */
    public enum PathKind { DIRECTORY, FILE, MISSING }

    /**
     * @param directory the existing directory the entries are written under
     * @param topName   the name the source takes there; empty: only the source directory's contents
     */
    public record Target(String directory, String topName) {
    }

    private CopyRules() {
    }

    /** Whether the source path asks for a directory's contents ({@code dir/.}). */
    public static boolean contentsOnly(String source) {
        return source.equals(".") || source.endsWith("/.");
    }

    /** Whether the path must name a directory (ends with / or /.). */
    public static boolean mustBeDirectory(String path) {
        return path.endsWith("/") || contentsOnly(path);
    }

    public static Target target(String source, PathKind sourceKind, String destination, PathKind destinationKind,
                                PathKind parentKind) {
        switch (destinationKind) {
            case DIRECTORY:
                return new Target(destination, contentsOnly(source) ? "" : baseName(source));
            case FILE:
                if (sourceKind == PathKind.DIRECTORY) {
                    throw invalid("cannot copy a directory onto the file " + destination);
                }
                if (mustBeDirectory(destination)) {
                    throw invalid(destination + ": not a directory");
                }
                return new Target(parent(destination), baseName(destination));
            default:
                if (parentKind != PathKind.DIRECTORY) {
                    throw new RuntimeOperationException(Kind.NOT_FOUND, "the directory " + parent(destination)
                            + " does not exist (the parent of a copy's destination must exist)");
                }
                if (sourceKind != PathKind.DIRECTORY && mustBeDirectory(destination)) {
                    throw new RuntimeOperationException(Kind.NOT_FOUND, "the destination directory " + destination
                            + " does not exist (a destination ending in / must be an existing directory)");
                }
                return new Target(parent(destination), baseName(destination));
        }
    }

    /** The last name of a path: "/a/b/" and "/a/b/." give "b"; "/" gives "". */
    public static String baseName(String path) {
        String trimmed = trim(path);
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** The directory that holds the path's last name: "/a/b" gives "/a", "b" gives ".", "/b" gives "/". */
    public static String parent(String path) {
        String trimmed = trim(path);
        int slash = trimmed.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        return slash == 0 ? "/" : trimmed.substring(0, slash);
    }

    private static String trim(String path) {
        String trimmed = path;
        while (trimmed.length() > 1 && (trimmed.endsWith("/") || trimmed.endsWith("/."))) {
            trimmed = trimmed.substring(0, trimmed.length() - (trimmed.endsWith("/") ? 1 : 2));
        }
        return trimmed.isEmpty() ? "/" : trimmed;
    }

    private static RuntimeOperationException invalid(String message) {
        return new RuntimeOperationException(Kind.INVALID, message);
    }
}
