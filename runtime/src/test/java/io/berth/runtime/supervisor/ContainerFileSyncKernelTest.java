package io.berth.runtime.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerFileSync;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ExecSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * develop.watch's sync on a real container: files land where the container sees them, deletions
 * follow, and the container's symlinks never lead a write or a delete to the host's files.
 */
@Tag("root")
class ContainerFileSyncKernelTest extends KernelSupervisorTest {
    private static final ContainerFileSync SYNC = new ContainerFileSync();
    private static io.berth.runtime.ContainerSpec busybox(String name) {
        return io.berth.runtime.ContainerSpec.simple(name, io.berth.runtime.ImageReference.parse(
                io.berth.testfixtures.BusyboxImage.NAME), List.of("sleep", "1000"));
    }

    private static int sh(ContainerInfo container, String script) {
        return runtime.exec(container.id(), new ExecSpec(List.of("sh", "-c", script), List.of(), null, null,
                false, false, false, false));
    }

    @Test
    void copiesFilesAndDirectoriesAndDeletesThem() throws Exception {
        Path host = Files.createTempDirectory("berth-test-sync-src");
        ContainerInfo container = null;
        try {
            container = runtime.createContainer(busybox("berth-test-sync-copy"));
            runtime.startContainer(container.id());
            ContainerInfo running = runtime.inspectContainer(container.id()).orElseThrow();
            fixture.remember(running);
            Files.writeString(host.resolve("a.txt"), "first");
            Files.createDirectories(host.resolve("dir/sub"));
            Files.writeString(host.resolve("dir/sub/b.sh"), "echo b");
            Files.setPosixFilePermissions(host.resolve("dir/sub/b.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
            SYNC.sync(running, List.of(new ContainerFileSync.Mapping(host.resolve("a.txt"), "/app/a.txt"),
                    new ContainerFileSync.Mapping(host.resolve("dir"), "/app/dir")));
            assertEquals(0, sh(running, "test \"$(cat /app/a.txt)\" = first && test \"$(cat /app/dir/sub/b.sh)\" = 'echo b'"
                    + " && test -x /app/dir/sub/b.sh && ls -l /app/dir/sub/b.sh | grep -q '^-rwxr-x---'"));

            Files.writeString(host.resolve("a.txt"), "second");
            Files.delete(host.resolve("dir/sub/b.sh"));
            SYNC.sync(running, List.of(new ContainerFileSync.Mapping(host.resolve("a.txt"), "/app/a.txt"),
                    new ContainerFileSync.Mapping(host.resolve("dir/sub/b.sh"), "/app/dir/sub/b.sh")));
            assertEquals(0, sh(running, "test \"$(cat /app/a.txt)\" = second && test ! -e /app/dir/sub/b.sh && test -d /app/dir/sub"));
            assertEquals(0, sh(running, "ls -a /app | grep -q berth-sync && exit 1; exit 0"), "no temporary file is left");

            Files.delete(host.resolve("dir/sub"));
            Files.delete(host.resolve("dir"));
            SYNC.sync(running, List.of(new ContainerFileSync.Mapping(host.resolve("dir"), "/app/dir")));
            assertEquals(0, sh(running, "test ! -e /app/dir"), "a deleted directory goes with everything in it");
        } finally {
            if (container != null) {
                runtime.removeContainer(container.id(), true);
            }
            deleteTree(host);
        }
    }

    @Test
    void symlinksOfTheContainerNeverLeadOutsideItsRoot() throws Exception {
        String marker = "berth-test-escape-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        Path hostTarget = Files.createDirectories(Path.of("/tmp", marker));
        Files.writeString(hostTarget.resolve("keep"), "host");
        Path host = Files.createTempDirectory("berth-test-sync-src");
        Files.writeString(host.resolve("payload"), "from-sync");
        ContainerInfo container = null;
        try {
            container = runtime.createContainer(busybox("berth-test-sync-escape"));
            runtime.startContainer(container.id());
            ContainerInfo running = runtime.inspectContainer(container.id()).orElseThrow();
            fixture.remember(running);
            // Links an attacker in the container would plant: absolute, climbing, and a file link.
            assertEquals(0, sh(running, "mkdir -p /app && busybox ln -s /tmp/" + marker + " /app/abs"
                    + " && busybox ln -s ../../../../../../tmp/" + marker + " /app/up"
                    + " && busybox ln -s /tmp/" + marker + "/keep /app/filelink"));
            SYNC.sync(running, List.of(
                    new ContainerFileSync.Mapping(host.resolve("payload"), "/app/abs/written"),
                    new ContainerFileSync.Mapping(host.resolve("payload"), "/app/up/written2"),
                    new ContainerFileSync.Mapping(host.resolve("payload"), "/app/../../tmp/" + marker + "/written3"),
                    new ContainerFileSync.Mapping(host.resolve("payload"), "/app/filelink"),
                    new ContainerFileSync.Mapping(host.resolve("gone"), "/app/abs/keep")));
            assertFalse(Files.exists(hostTarget.resolve("written")), "absolute link stays inside");
            assertFalse(Files.exists(hostTarget.resolve("written2")), "climbing link stays inside");
            assertFalse(Files.exists(hostTarget.resolve("written3")), ".. stops at the container's root");
            assertEquals("host", Files.readString(hostTarget.resolve("keep")), "a file link is replaced, its target untouched");
            assertTrue(Files.exists(hostTarget.resolve("keep")), "a delete through a link stays inside");
            assertEquals(0, sh(running, "test \"$(cat /tmp/" + marker + "/written)\" = from-sync"
                    + " && test -f /tmp/" + marker + "/written2 && test -f /tmp/" + marker + "/written3"
                    + " && test ! -L /app/filelink && test \"$(cat /app/filelink)\" = from-sync"),
                    "every write landed inside the container's root");
        } finally {
            if (container != null) {
                runtime.removeContainer(container.id(), true);
            }
            deleteTree(host);
            deleteTree(hostTarget);
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
