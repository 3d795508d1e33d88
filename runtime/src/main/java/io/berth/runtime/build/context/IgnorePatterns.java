package io.berth.runtime.build.context;

import java.util.ArrayList;
import java.util.List;

/**
 * The patterns of a .dockerignore file matched as moby/patternmatcher does: paths cleaned
 * (leading and trailing "/" and "." removed), {@code **} for any number of directories, {@code !}
 * exceptions, the last matching pattern wins, a pattern that matches a directory excludes
 * everything under it (unless an exception re-includes something there).
 */
public final class IgnorePatterns {
    private final List<String> patterns;
    private final List<IgnorePattern> compiled;
    private final boolean exclusions;

    private IgnorePatterns(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        List<IgnorePattern> compiled = new ArrayList<>();
        boolean exclusions = false;
        for (String pattern : patterns) {
            String trimmed = pattern.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            trimmed = SlashPaths.clean(trimmed);
            boolean exclusion = trimmed.startsWith("!");
            if (exclusion) {
                if (trimmed.length() == 1) {
                    throw new IllegalArgumentException("illegal exclusion pattern: \"!\"");
                }
                trimmed = trimmed.substring(1);
                exclusions = true;
            }
            compiled.add(new IgnorePattern(trimmed, exclusion));
        }
        this.compiled = List.copyOf(compiled);
        this.exclusions = exclusions;
    }

    /** No pattern: nothing is excluded. */
    public static IgnorePatterns none() {
        return new IgnorePatterns(List.of());
    }

    /** Patterns as given (each cleaned and matched as patternmatcher.New does). */
    public static IgnorePatterns of(List<String> patterns) {
        return new IgnorePatterns(patterns);
    }

    /**
     * Reads a .dockerignore's text as moby's ignorefile.ReadAll: one pattern a line, lines starting
     * with {@code #} skipped, blanks trimmed, {@code !} exceptions, a leading "/" removed.
     *
     * @throws IllegalArgumentException a lone "!" or a pattern that is no valid pattern
     */
    public static IgnorePatterns parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> patterns = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = line.strip();
            if (pattern.isEmpty()) {
                continue;
            }
            boolean invert = pattern.startsWith("!");
            if (invert) {
                pattern = pattern.substring(1).strip();
            }
            if (!pattern.isEmpty()) {
                pattern = SlashPaths.clean(pattern);
                if (pattern.length() > 1 && pattern.startsWith("/")) {
                    pattern = pattern.substring(1);
                }
            }
            patterns.add(invert ? "!" + pattern : pattern);
        }
        return new IgnorePatterns(patterns);
    }

    /** The patterns as read, e.g. for messages. */
    public List<String> patterns() {
        return patterns;
    }

    /** True when some pattern is an exception ({@code !...}). */
    public boolean hasExceptions() {
        return exclusions;
    }

    /**
     * True when {@code relativePath} (slash-separated, relative to the context root) is excluded:
     * patternmatcher's MatchesOrParentMatches (a pattern matching a parent directory counts).
     */
    public boolean excludes(String relativePath) {
        String file = SlashPaths.clean(relativePath);
        if (file.equals(".") || compiled.isEmpty()) {
            return false;
        }
        boolean matched = false;
        String parent = SlashPaths.parent(file);
        List<String> parentDirs = IgnorePattern.dirs(parent);
        for (IgnorePattern pattern : compiled) {
            if (pattern.exclusion != matched) {
                continue;
            }
            boolean match = pattern.matches(file);
            if (!match && !parent.equals(".")) {
                for (int i = 0; i < parentDirs.size() && !match; i++) {
                    match = pattern.matches(String.join("/", parentDirs.subList(0, i + 1)));
                }
            }
            if (match) {
                matched = !pattern.exclusion;
            }
        }
        return matched;
    }

    /**
     * True when a walker may skip directory {@code relativeDir} entirely: it is excluded and no
     * exception pattern could re-include anything below it.
     */
    public boolean skipsDirectory(String relativeDir) {
        if (!excludes(relativeDir)) {
            return false;
        }
        if (!exclusions) {
            return true;
        }
        String dir = SlashPaths.clean(relativeDir);
        for (IgnorePattern pattern : compiled) {
            if (pattern.exclusion && mayMatchBelow(pattern.cleaned, dir)) {
                return false;
            }
        }
        return true;
    }

    /** Whether an exception pattern could match a path under {@code dir} (conservative). */
    private static boolean mayMatchBelow(String pattern, String dir) {
        if (pattern.startsWith("**") || pattern.contains("/**")) {
            return true;
        }
        List<String> patternDirs = IgnorePattern.dirs(pattern);
        List<String> dirs = IgnorePattern.dirs(dir);
        if (patternDirs.size() <= dirs.size()) {
            return false;
        }
        for (int i = 0; i < dirs.size(); i++) {
            IgnorePattern part = new IgnorePattern(patternDirs.get(i), false);
            if (!part.matches(dirs.get(i))) {
                return false;
            }
        }
        return true;
    }
}
