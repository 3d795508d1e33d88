package io.berth.runtime.volume;

import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a bind mount's source is on the host: {@code ~/x} in the user's home, relative paths
 * against the project directory; a missing source is created as a directory when
 * {@code create_host_path} (the default of the short syntax, as in Docker Compose), else refused.
 */
public final class BindSources {
    private BindSources() {
    }

    public static Path resolve(Path projectDir, String source, Path home, boolean createHostPath) {
        if (source == null || source.isBlank()) {
            throw new RuntimeOperationException(Kind.INVALID, "bind mount: empty source path");
        }
        Path path;
        if (source.equals("~") || source.startsWith("~/")) {
            path = home.resolve(source.substring(Math.min(2, source.length())));
        } else {
            path = projectDir.resolve(source);
        }
        path = path.toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            if (!createHostPath) {
                throw new RuntimeOperationException(Kind.NOT_FOUND, "bind mount: source path " + path
                        + " does not exist (and create_host_path is false)");
            }
            try {
                Files.createDirectories(path);
            } catch (IOException e) {
                throw new RuntimeOperationException(Kind.FAILED, "bind mount: create source path " + path
                        + ": " + e.getMessage(), e);
            }
        }
        return path;
    }
}
