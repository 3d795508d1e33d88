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
                return Files.readString(path, StandardCharsets.UTF_8);
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
