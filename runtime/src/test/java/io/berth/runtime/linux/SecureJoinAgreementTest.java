package io.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.init.InitStage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two resolvers find paths inside a container's root: Java's {@link SecureJoin} (the supervisor:
 * exec's executable search, volume copy-up, reading a container's files) and the C init stage's
 * resolve_in_root (openat2 with RESOLVE_IN_ROOT, for mounts). Both must give the same answer, so
 * both are run here over the same hostile tree: absolute and relative links out of the root,
 * "..", loops, a trailing slash on a file, a chain of 40 links (the kernel's limit) and of 41.
 * No root needed.
 */
class SecureJoinAgreementTest {
    @TempDir
    Path temp;

    @Test
    void javaAndTheInitStageResolveEveryHostilePathAlike() throws Exception {
        Path root = Files.createDirectories(temp.resolve("root"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "host\n");
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
        Files.createSymbolicLink(root.resolve("absolute"), Path.of("/etc"));
        Files.createSymbolicLink(root.resolve("escape"), Path.of("/../../../.." + outside + "/secret"));
        Files.createSymbolicLink(root.resolve("a/b/c/up"), Path.of("../../../../../../etc"));
        Files.createSymbolicLink(root.resolve("a/host"), Path.of(outside.toString()));
        Files.createSymbolicLink(root.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(root.resolve("loop2"), Path.of("/loop1"));
        Files.createSymbolicLink(root.resolve("self"), Path.of("."));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("/nowhere/at/all"));
        Files.createSymbolicLink(root.resolve("proc-root"), Path.of("/proc/self/root/etc"));
        Files.createSymbolicLink(root.resolve("chain0"), Path.of("/etc"));
        for (int i = 1; i <= 41; i++) {
            Files.createSymbolicLink(root.resolve("chain" + i), Path.of("chain" + (i - 1)));
        }
        List<String> paths = List.of("/", "", "/etc/passwd", "etc/passwd", "//etc///passwd/", "/./etc/./passwd",
                "/../../etc/passwd", "/etc/../../../etc/passwd", "/absolute/passwd", "/absolute/../etc",
                "/escape", "/a/b/c/up/passwd", "/a/host/secret", "/a/host/../etc", "/loop1", "/loop2/x",
                "/self/self/self/etc/passwd", "/dangling", "/etc/passwd/x", "/etc/passwd/", "/etc/", "/absolute/",
                "/missing", "/missing/x",
                "/proc-root/passwd", "/chain39/passwd", "/chain40/passwd", "/chain41/passwd");
        Path init = initStage();
        int rootFd = FdCalls.open(root.toString(), FdCalls.O_PATH | FdCalls.O_DIRECTORY, 0);
        List<String> java = new ArrayList<>();
        List<String> c = new ArrayList<>();
        try {
            for (String path : paths) {
                java.add(path + " -> " + javaResolution(rootFd, path, root));
                c.add(path + " -> " + cResolution(init, root, path));
            }
        } finally {
            FdCalls.closeQuietly(rootFd);
        }
        assertEquals(String.join("\n", java), String.join("\n", c));
        assertTrue(java.contains("/escape -> errno 2"), "an escaping link finds nothing outside: " + java);
        assertTrue(java.contains("/chain39/passwd -> etc/passwd"), "40 links are followed: " + java);
        assertTrue(java.contains("/chain40/passwd -> errno 40"), "41 are a loop (ELOOP): " + java);
    }

    /** The resolved host path relative to the root ("." for the root), or "errno N". */
    private static String javaResolution(int rootFd, String path, Path root) throws IOException {
        int fd;
        try {
            fd = SecureJoin.open(rootFd, path, SecureJoin.Create.NOTHING);
        } catch (LinuxException e) {
            return "errno " + e.errno();
        }
        try {
            return shown(Files.readSymbolicLink(Path.of(SecureJoin.procPath(fd))), root);
        } finally {
            FdCalls.closeQuietly(fd);
        }
    }

    private static String cResolution(Path init, Path root, String path) throws Exception {
        Process process = new ProcessBuilder(init.toString(), "resolve", root.toString(), path)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "berth-init resolve did not finish");
        return output.startsWith("errno ") ? output : shown(Path.of(output), root);
    }

    private static String shown(Path resolved, Path root) {
        String relative = root.relativize(resolved).toString();
        return relative.isEmpty() ? "." : relative;
    }

    private Path initStage() throws IOException {
        Path init = temp.resolve("berth-init");
        try (InputStream in = InitStage.class.getResourceAsStream(InitStage.RESOURCE)) {
            assertTrue(in != null, "berth-init is not built (mvn package compiles it)");
            Files.copy(in, init, StandardCopyOption.REPLACE_EXISTING);
        }
        assertTrue(init.toFile().setExecutable(true));
        return init;
    }
}
