package io.berth.runtime.volume;

import io.berth.runtime.RuntimeOperationException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

/**
 * Docker's copy-up: the first time an EMPTY volume is mounted over a path that has content in the
 * image, that content is copied into the volume, keeping owners, modes, times and symlinks (as
 * links, never followed). Device nodes, sockets and fifos are skipped.
 */
public final class CopyUp {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private CopyUp() {
    }

    public static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    "list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies {@code imageDir} (the image's directory at the mount path, already resolved inside the
     * container's root, e.g. with {@code linux.SecureJoin}: symlinks in the image must not lead out)
     * into {@code target} when target is empty and imageDir is a directory; returns whether it did.
     */
    public static boolean fillIfEmpty(Path imageDir, Path target) {
        if (!Files.isDirectory(imageDir) || !isEmpty(target)) {
            return false;
        }
        try {
            // imageDir itself may be a resolved handle (/proc/self/fd/N from SecureJoin): follow it
            // once, then nothing below it.
            Path source = imageDir.toRealPath();
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path copy = target.resolve(source.relativize(dir).toString());
                    if (!dir.equals(source)) {
                        Files.createDirectory(copy);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                        Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES, NOFOLLOW);
                        copyOwner(file, copy);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Path copy = target.resolve(source.relativize(dir).toString());
                    Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(dir, NOFOLLOW));
                    copyOwner(dir, copy);
                    FileTime modified = Files.getLastModifiedTime(dir, NOFOLLOW);
                    Files.setLastModifiedTime(copy, modified);
                    return FileVisitResult.CONTINUE;
                }
            });
            return true;
        } catch (IOException e) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    "copy " + imageDir + " into volume " + target + ": " + e, e);
        }
    }

    private static void copyOwner(Path from, Path to) throws IOException {
        Files.setAttribute(to, "unix:uid", Files.getAttribute(from, "unix:uid", NOFOLLOW), NOFOLLOW);
        Files.setAttribute(to, "unix:gid", Files.getAttribute(from, "unix:gid", NOFOLLOW), NOFOLLOW);
    }
}
