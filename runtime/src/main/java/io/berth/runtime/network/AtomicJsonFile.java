package io.berth.runtime.network;

import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.state.AtomicFiles;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The JSON state files of networks and volumes: written through {@link AtomicFiles} (temp file,
 * fsync, rename, fsync the directory), so a reader sees the old or the new file, never half;
 * through the runtime's one mapper ({@link Json#READABLE_FILE}: indented, keys sorted).
 */
public final class AtomicJsonFile {

    private AtomicJsonFile() {
    }

    public static void write(Path target, Object value) {
        try {
            AtomicFiles.write(target, Json.READABLE_FILE.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    "write state file " + target + ": " + e.getMessage(), e);
        }
    }

    /** Reads the file; empty when it does not exist. A damaged file is an error naming it. */
    public static <T> Optional<T> read(Path source, Class<T> type) {
        if (!Files.isRegularFile(source)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.MAPPER.readValue(source.toFile(), type));
        } catch (IOException e) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    "read state file " + source + ": " + e.getMessage(), e);
        }
    }
}
