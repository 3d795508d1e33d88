package io.berth.runtime.linux;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Berth's host state is for its own user only (docs/security.md): the state and run roots are 0700
 * and its sockets 0600, whatever the umask of whoever started the process.
 */
public final class PrivateFiles {
    private PrivateFiles() {
    }

    /** Creates {@code directory} (and its parents) if missing, and makes it 0700 either way. */
    public static Path directory(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        return directory;
    }

    /** Makes an existing file 0600 (a no-op when it is gone). */
    public static void restrict(Path file) throws IOException {
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /**
     * A listening socket at {@code path} that is 0600 before anyone can reach it: java.nio binds and
     * listens in one step with the umask's mode, so it is bound inside a fresh 0700 directory,
     * made 0600 there and renamed into place. A stale socket at {@code path} is replaced.
     */
    public static ServerSocketChannel listeningSocket(Path path) throws IOException {
        Path staging = Files.createTempDirectory(path.getParent(), ".sock-"); // 0700
        Path bound = staging.resolve("s");
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(bound));
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
            Files.move(bound, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        } finally {
            Files.deleteIfExists(bound);
            Files.deleteIfExists(staging);
        }
    }
}
