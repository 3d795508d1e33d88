package io.berth.runtime.build.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the ignore file of a build: {@code <Dockerfile>.dockerignore} beside the Dockerfile wins
 * over the context's {@code .dockerignore}, as BuildKit does.
 */
public final class DockerIgnoreFiles {
    private DockerIgnoreFiles() {
    }

    /** The ignore file that applies, or null when there is none. */
    public static Path find(Path contextDir, Path dockerfile) {
        if (dockerfile != null && dockerfile.getFileName() != null) {
            Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
            if (Files.isRegularFile(specific)) {
                return specific;
            }
        }
        Path general = contextDir.resolve(".dockerignore");
        return Files.isRegularFile(general) ? general : null;
    }

    /**
     * @param contextDir the build context directory
     * @param dockerfile the Dockerfile's path (may lie outside the context), or null (inline)
     * @return the patterns of the ignore file that applies, or {@link IgnorePatterns#none()}
     * @throws IOException unreadable file, or (wrapped IllegalArgumentException) a bad pattern,
     *                     naming the file
     */
    public static IgnorePatterns load(Path contextDir, Path dockerfile) throws IOException {
        Path file = find(contextDir, dockerfile);
        if (file == null) {
            return IgnorePatterns.none();
        }
        try {
            return IgnorePatterns.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
