package io.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths resolved inside a root never leave it, whatever the symlinks say. No root needed. */
class SecureJoinTest {
    @TempDir
    Path temp;
    private Path root;
    private Path outside;
    private int rootFd;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(temp.resolve("root"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "host\n");
        rootFd = FdCalls.open(root.toString(), FdCalls.O_PATH | FdCalls.O_DIRECTORY, 0);
    }

    @AfterEach
    void tearDown() {
        FdCalls.closeQuietly(rootFd);
    }

    /** Where an fd really points, seen from the host. */
    private static Path target(int fd) throws IOException {
        try {
            return Files.readSymbolicLink(Path.of(SecureJoin.procPath(fd)));
        } finally {
            FdCalls.closeQuietly(fd);
        }
    }

    @Test
    void absoluteSymlinksResolveAgainstTheRoot() throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/hosts"), Path.of("/../../../.." + outside + "/secret"));
        int fd = SecureJoin.open(rootFd, "/etc/hosts", SecureJoin.Create.FILE);
        Path resolved = target(fd);
        assertTrue(resolved.startsWith(root), resolved.toString());
        assertEquals(root.resolve(outside.toString().substring(1)).resolve("secret"), resolved);
        assertEquals("host\n", Files.readString(outside.resolve("secret")));
    }

    @Test
    void relativeSymlinksAndDotDotStopAtTheRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("dev"), Path.of("../../../../outside"));
        Path resolved = target(SecureJoin.open(rootFd, "/dev/pts", SecureJoin.Create.DIRECTORY));
        assertEquals(root.resolve("outside/pts"), resolved);
        assertFalse(Files.exists(outside.resolve("pts")));
        assertEquals(root, target(SecureJoin.open(rootFd, "/../../..", SecureJoin.Create.NOTHING)));
    }

    @Test
    void symlinkLoopsAndMissingPathsFailWithErrno() throws IOException {
        Files.createSymbolicLink(root.resolve("a"), Path.of("/b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("/a"));
        assertEquals(ErrnoNames.ELOOP, assertThrows(LinuxException.class,
                () -> SecureJoin.open(rootFd, "/a", SecureJoin.Create.NOTHING)).errno());
        assertEquals(ErrnoNames.ENOENT, assertThrows(LinuxException.class,
                () -> SecureJoin.open(rootFd, "/missing/file", SecureJoin.Create.NOTHING)).errno());
    }

    @Test
    void readFileFollowsLinksInsideOnly() throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of("/../../../../.." + outside + "/secret"));
        assertTrue(SecureJoin.readFile(rootFd, "/etc/passwd", 1024).isEmpty(), "the host's file must not be read");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\n");
        assertEquals("root:x:0:\n", new String(SecureJoin.readFile(rootFd, "/etc/group", 1024).orElseThrow()));
    }
}
