package io.berth.runtime.network.hosts;

import io.berth.runtime.RuntimeOperationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Rewrites a file through its own inode, never by rename: the file is bind-mounted into a
 * container, and a bind mount keeps showing the inode it was made with. The new content is
 * written from offset 0 and the file then truncated to its length, so a reader never sees an
 * empty file (at worst, for an instant, the new start with the old tail).
 */
public final class InPlaceFile {
    private InPlaceFile() {
    }

    /** Writes {@code content}; returns false when the file already held exactly that. */
    public static boolean write(Path file, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
                return false;
            }
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                long position = 0;
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
                channel.truncate(bytes.length);
                // No fsync: these files are derived state, rewritten from the containers' records.
            }
            return true;
        } catch (IOException e) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    "write " + file + ": " + e.getMessage(), e);
        }
    }
}
