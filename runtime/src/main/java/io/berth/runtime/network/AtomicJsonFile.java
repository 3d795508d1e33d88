package io.berth.runtime.network;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.berth.runtime.RuntimeOperationException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * JSON state files written the safe way: to a temp file beside the target, fsynced, renamed over
 * it, then the directory fsynced. A reader therefore sees the old or the new file, never half.
 */
public final class AtomicJsonFile {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private AtomicJsonFile() {
    }

    public static void write(Path target, Object value) {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            byte[] bytes = MAPPER.writeValueAsBytes(value);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // Some filesystems cannot fsync a directory; the rename is still atomic.
            }
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
            return Optional.ofNullable(MAPPER.readValue(source.toFile(), type));
        } catch (IOException e) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    "read state file " + source + ": " + e.getMessage(), e);
        }
    }
}
