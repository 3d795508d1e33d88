package io.berth.model.env;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code env_file} entry of a service.
 *
 * @param path     the file, already resolved against the project directory
 * @param required whether a missing file is an error (Compose's default: true)
 * @param format   {@code raw} for docker/cli's parser, empty for Compose's dotenv format
 */
public record EnvFileSpec(Path path, boolean required, Optional<String> format) {

    public EnvFileSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
    }

    /** A required file in the default format, as the short syntax {@code env_file: x.env} declares it. */
    public static EnvFileSpec of(Path path) {
        return new EnvFileSpec(path, true, Optional.empty());
    }
}
