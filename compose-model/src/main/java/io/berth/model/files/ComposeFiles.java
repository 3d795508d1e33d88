package io.berth.model.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The Compose files of a project, in load order (later files override earlier ones), and its directory.
 *
 * @param files            absolute, normalized paths; {@link #STDIN} stands for {@code -f -}
 * @param projectDirectory the directory relative paths in the files are resolved against
 * @param warnings         what Compose v2 would warn about, e.g. several default file names found
 */
public record ComposeFiles(List<Path> files, Path projectDirectory, List<String> warnings) {

    /** The path standing for the standard input ({@code -f -}). */
    public static final Path STDIN = Path.of("-");

    public ComposeFiles {
        files = List.copyOf(files);
        Objects.requireNonNull(projectDirectory, "projectDirectory");
        warnings = List.copyOf(warnings);
    }

    public static boolean isStdin(Path file) {
        return STDIN.equals(file);
    }
}
