package io.berth.runtime.build;

import io.berth.runtime.build.context.DockerIgnoreFiles;
import io.berth.runtime.build.context.IgnorePatterns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The builder's .dockerignore matching (moby's patternmatcher rules: {@code **}, {@code !}
 * exceptions, the last match wins, a matching directory covers what is under it), for other
 * modules: develop.watch's {@code ignore}, {@code include} and the build context's .dockerignore.
 */
public final class PathPatterns {
    private static final PathPatterns NONE = new PathPatterns(IgnorePatterns.none());
    private final IgnorePatterns patterns;

    private PathPatterns(IgnorePatterns patterns) {
        this.patterns = patterns;
    }

    public static PathPatterns none() {
        return NONE;
    }

    /** @throws IllegalArgumentException a pattern that is not valid (a lone "!") */
    public static PathPatterns of(List<String> patterns) {
        return new PathPatterns(IgnorePatterns.of(patterns));
    }

    /**
     * The ignore file the builder applies to this context ({@code <Dockerfile>.dockerignore} first, then
     * the context's .dockerignore); {@link #none()} when there is none.
     *
     * @throws IOException unreadable, or a bad pattern (the message names the file)
     */
    public static PathPatterns dockerIgnore(Path contextDir, Path dockerfile) throws IOException {
        return new PathPatterns(DockerIgnoreFiles.load(contextDir, dockerfile));
    }

    public boolean isEmpty() {
        return patterns.patterns().isEmpty();
    }

    /** True when a pattern matches the slash-separated relative path or one of its parent directories. */
    public boolean matches(String relativePath) {
        return patterns.excludes(relativePath);
    }

    /** True when nothing under this directory can match differently from the directory (a walker may skip it). */
    public boolean coversDirectory(String relativeDir) {
        return patterns.skipsDirectory(relativeDir);
    }
}
