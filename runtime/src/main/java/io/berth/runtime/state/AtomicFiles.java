package io.berth.runtime.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one way Berth writes state: a temp file beside the target (a unique name, so concurrent
 * writers never share one), fsync, rename over the target, fsync the directory. A reader sees the
 * old content or the new, never a mix; a crash leaves at most a stray temp file. Every store of
 * the runtime (containers, images, networks, volumes, logs) writes through here. Every file is
 * 0600 (the temp file's mode, kept by the rename): state holds environment values (secrets).
 */
public final class AtomicFiles {
    private static final java.nio.file.attribute.FileAttribute<?> OWNER_ONLY =
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, true);
    }

    /**
     * Atomic but not durable: temp file and rename, no fsync. For hints that cost only a re-read
     * when a crash loses them (the builder's step records and remembered checksums: fsyncs were
     * most of a no-op rebuild's time).
     */
    public static void writeHint(Path target, byte[] content) throws IOException {
        write(target, content, false);
    }

    private static void write(Path target, byte[] content, boolean durable) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp", OWNER_ONLY);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (durable) {
                    channel.force(true);
                }
            }
            move(temp, target);
            if (durable) {
                fsyncDir(target.getParent());
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** rename(2): atomic, replacing {@code target} if it exists (a file, or an empty directory). */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + source + " to " + target
                    + " atomically (different filesystems?)", e);
        }
    }

    /** Makes a rename in {@code dir} durable. */
    public static void fsyncDir(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // some filesystems cannot fsync a directory; the rename itself is still atomic
        }
    }
}
