package io.berth.runtime.build.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Selects the entries of a COPY/ADD as BuildKit does: each source a path or a pattern of Go's
 * filepath.Match ({@code *}, {@code ?}, {@code [a-z]}, {@code \} escapes) relative to the source
 * root; a wildcard matching nothing selects nothing, a plain path that does not exist is an error;
 * a directory copies its contents; several sources need a directory destination (ending with "/");
 * a destination that is a directory in the image receives the file inside it; with --parents the
 * source's path (below a {@code /./} pivot, if any) is kept under the destination.
 */
public final class SourceSelector {
    private SourceSelector() {
    }

    /**
     * @param root               the source root: a context directory or a stage's root file system
     * @param ignore             the context's ignore patterns ({@link IgnorePatterns#none()} for a stage)
     * @param sources            the step's source patterns (not URLs)
     * @param excludes           --exclude patterns, matched like .dockerignore lines against each
     *                           entry's path relative to the source it was found under
     * @param parents            --parents
     * @param destination        the step's absolute destination (a trailing "/" kept)
     * @param isDirectoryInImage tells whether an absolute path is a directory in the stage's file
     *                           system now (for "COPY file /existing-dir")
     * @throws SourceSelectionException a source that does not exist (or is excluded by the ignore
     *                                  file), several sources to a non-directory destination
     */
    public static CopySelection select(Path root, IgnorePatterns ignore, List<String> sources, List<String> excludes,
                                       boolean parents, String destination, Predicate<String> isDirectoryInImage)
            throws IOException, SourceSelectionException {
        IgnorePatterns excluded = IgnorePatterns.of(excludes);
        List<Match> matches = new ArrayList<>();
        for (String source : sources) {
            matches.addAll(matches(root, ignore, source, parents));
        }
        String dest = destination.isEmpty() ? "/" : destination;
        boolean destIsDir = dest.endsWith("/") || isDirectoryInImage.test(trimSlash(dest));
        if (sources.size() > 1 && !destIsDir) {
            throw new SourceSelectionException("When using COPY with more than one source file, the destination must "
                    + "be a directory and end with a /");
        }
        if (matches.size() > 1) {
            destIsDir = true;
        }
        String destDir = trimSlash(dest);
        List<CopyItem> items = new ArrayList<>();
        Set<String> created = new LinkedHashSet<>();
        for (Match match : matches) {
            ContextEntry entry = match.entry();
            String pivotRelative = match.pivotRelative();
            if (entry.kind() == ContextEntry.Kind.DIRECTORY) {
                String base = parents ? join(destDir, pivotRelative) : destDir;
                if (parents && !pivotRelative.isEmpty()) {
                    items.add(new CopyItem(entry, base));
                }
                created.add(destDir);
                String prefix = entry.path().isEmpty() ? "" : entry.path() + "/";
                for (ContextEntry child : ContextWalker.walkUnder(root, entry.path(), ignore)) {
                    String relative = child.path().substring(prefix.length());
                    if (excluded.excludes(relative)) {
                        continue;
                    }
                    items.add(new CopyItem(child, join(base, relative)));
                }
            } else {
                if (excluded.excludes(baseName(entry.path())) || excluded.excludes(pivotRelative)) {
                    continue;
                }
                String target;
                if (parents) {
                    target = join(destDir, pivotRelative);
                } else if (destIsDir) {
                    target = join(destDir, baseName(match.name()));
                } else {
                    target = destDir;
                }
                created.add(parentOf(target));
                items.add(new CopyItem(entry, target));
            }
        }
        return new CopySelection(items, List.copyOf(created));
    }

    /** A matched source: its entry (symlinks followed) and its path below the --parents pivot. */
    private record Match(ContextEntry entry, String name, String pivotRelative) {
    }

    private static List<Match> matches(Path root, IgnorePatterns ignore, String source, boolean parents)
            throws IOException, SourceSelectionException {
        String pivot = "";
        String pattern = source;
        if (parents) {
            int at = source.indexOf("/./");
            if (at >= 0) {
                pivot = relative(source.substring(0, at));
                pattern = source.substring(0, at) + "/" + source.substring(at + 3);
            }
        }
        String path = relative(pattern);
        List<String> found = new ArrayList<>();
        if (GoGlob.hasWildcards(path)) {
            try {
                expand(root, ignore, "", List.of(path.split("/")), found);
            } catch (IllegalArgumentException e) {
                throw new SourceSelectionException(source + ": " + e.getMessage());
            }
        } else {
            String plain = GoGlob.unescape(path);
            if (!plain.isEmpty() && (ignore.excludes(plain) || !Files.exists(
                    root.resolve(InsideRoot.resolve(root, plain, false)), LinkOption.NOFOLLOW_LINKS))) {
                throw new SourceSelectionException(source + ": not found"
                        + (ignore.excludes(plain) ? " (excluded by .dockerignore)" : ""));
            }
            found.add(plain);
        }
        List<Match> matches = new ArrayList<>();
        for (String match : found) {
            ContextEntry entry = follow(root, match, source);
            String pivotRelative = parents ? stripPrefix(match, pivot) : "";
            matches.add(new Match(entry, match, pivotRelative));
        }
        return matches;
    }

    private static void expand(Path root, IgnorePatterns ignore, String prefix, List<String> components,
                               List<String> found) throws IOException {
        String component = components.get(0);
        List<String> rest = components.subList(1, components.size());
        String real = prefix.isEmpty() ? "" : InsideRoot.resolve(root, prefix, true);
        Path dir = real.isEmpty() ? root : root.resolve(real);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<String> names = new ArrayList<>();
        if (GoGlob.hasWildcards(component)) {
            Pattern glob = GoGlob.compile(component);
            try (Stream<Path> listing = Files.list(dir)) {
                listing.map(child -> child.getFileName().toString()).filter(name -> glob.matcher(name).matches())
                        .sorted().forEach(names::add);
            }
        } else {
            String name = GoGlob.unescape(component);
            if (Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                names.add(name);
            }
        }
        for (String name : names) {
            String path = prefix.isEmpty() ? name : prefix + "/" + name;
            if (ignore.excludes(path)) {
                continue;
            }
            if (rest.isEmpty()) {
                found.add(path);
            } else {
                expand(root, ignore, path, rest, found);
            }
        }
    }

    /** The entry at {@code path}, symlinks on the way and at the end followed inside {@code root}. */
    private static ContextEntry follow(Path root, String path, String source) throws IOException, SourceSelectionException {
        String real = InsideRoot.resolve(root, path, true);
        if (real.isEmpty()) {
            return new ContextEntry("", ContextEntry.Kind.DIRECTORY, 0755, 0, 0, 0, null);
        }
        if (!Files.exists(root.resolve(real), LinkOption.NOFOLLOW_LINKS)) {
            throw new SourceSelectionException(source + ": " + path + " is a symlink to /" + real
                    + ", which does not exist in the source");
        }
        return ContextWalker.entry(root.resolve(real), real);
    }

    /** A source path made relative to the root, never above it ("" for the root). */
    static String relative(String path) {
        String cleaned = SlashPaths.clean("/" + path);
        return cleaned.equals("/") ? "" : cleaned.substring(1);
    }

    private static String stripPrefix(String path, String prefix) {
        if (prefix.isEmpty()) {
            return path;
        }
        return path.equals(prefix) ? "" : path.startsWith(prefix + "/") ? path.substring(prefix.length() + 1) : path;
    }

    private static String trimSlash(String path) {
        String cleaned = SlashPaths.clean(path);
        return cleaned;
    }

    private static String join(String dir, String name) {
        if (name.isEmpty()) {
            return dir;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
