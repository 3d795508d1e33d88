package io.berth.model.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The few file-system questions project discovery asks, so that the rules deciding which files to read
 * stay pure and are tested against an in-memory view; {@link #onDisk()} answers them from the real disk.
 */
public interface ProjectFiles {
    /** The most an env file or .env may hold: far above real ones. */
    int MAX_READ_BYTES = 1024 * 1024;

    /** True when {@code path} exists and is not a directory (symbolic links followed). */
    boolean isFile(Path path);

    /** True when {@code path} exists and is a directory (symbolic links followed). */
    boolean isDirectory(Path path);

    /** The file's content as UTF-8. */
    String read(Path path) throws IOException;

    /** Answers from the real file system. */
    static ProjectFiles onDisk() {
        return new ProjectFiles() {
            @Override
            public boolean isFile(Path path) {
                return Files.exists(path) && !Files.isDirectory(path);
            }

            @Override
            public boolean isDirectory(Path path) {
                return Files.isDirectory(path);
            }

            @Override
            public String read(Path path) throws IOException {
                // env files and .env: regular files of bounded size (env_file: /dev/zero, a FIFO or a
                // huge file would fill the heap of a server that others share, or block forever)
                if (!Files.isRegularFile(path)) {
                    throw new IOException(path + " is not a regular file");
                }
                try (java.io.InputStream in = Files.newInputStream(path)) {
                    byte[] bytes = in.readNBytes(MAX_READ_BYTES + 1);
                    if (bytes.length > MAX_READ_BYTES) {
                        throw new IOException(path + " is larger than " + MAX_READ_BYTES / (1024 * 1024) + " MiB");
                    }
                    return new String(bytes, StandardCharsets.UTF_8);
                }
            }
        };
    }

    /** {@link #read(Path)} with the I/O failure unchecked, for callers that report it as a setup error. */
    default String readUnchecked(Path path) {
        try {
            return read(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
