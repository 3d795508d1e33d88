package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** berth cp on real containers: Docker's path rules, tar streams, owners, and never a way out of the container's root. */
@Tag("root")
class CopyCommandTest extends RealRuntimeTest {
    private static final String SERVICE = """
            services:
              web:
                image: busybox:local
                command: ["sh", "-c", "busybox mkdir -p /data/sub /data/empty && echo hello > /data/sub/f \
            && echo top > /data/top && busybox ln -s / /data/root && busybox ln -s ../../../../../.. /data/up \
            && busybox chown 7:8 /data/top && busybox ln -s /data/sub/f /data/flink; exec sleep 1000"]
                volumes: ["vol:/vol"]
            volumes:
              vol:
            """;
    @Test
    void copiesOutOfAContainerByDockersPathRules() throws Exception {
        Path project = fixture.project("cpout", SERVICE);
        fixture.berth(project, "up", "-d").ok();
        awaitFile(project, "/data/flink");
        Path out = Files.createDirectories(project.resolve("out"));

        fixture.berth(project, "cp", "web:/data/sub/f", "out/renamed").ok();
        assertEquals("hello\n", Files.readString(out.resolve("renamed")), "a file onto a missing path takes its name");
        fixture.berth(project, "cp", "web:/data/sub/f", "out").ok();
        assertEquals("hello\n", Files.readString(out.resolve("f")), "a file into a directory keeps its name");
        fixture.berth(project, "cp", "web:/data/top", "out/renamed").ok();
        assertEquals("top\n", Files.readString(out.resolve("renamed")), "a file onto a file replaces it");
        fixture.berth(project, "cp", "web:/data/sub", "out").ok();
        assertTrue(Files.isRegularFile(out.resolve("sub/f")), "a directory goes inside an existing one");
        fixture.berth(project, "cp", "web:/data/sub/.", "out").ok();
        assertTrue(Files.isRegularFile(out.resolve("f")), "with /. only its contents");
        fixture.berth(project, "cp", "web:/data", "out/copy").ok();
        assertTrue(Files.isRegularFile(out.resolve("copy/sub/f")) && Files.isDirectory(out.resolve("copy/empty")),
                "a directory onto a missing path becomes it");
        assertEquals(Path.of("/"), Files.readSymbolicLink(out.resolve("copy/root")), "symlinks are copied as symlinks");

        assertEquals(1, fixture.berth(project, "cp", "web:/data", "out/renamed").exitCode(), "a directory onto a file");
        BerthRun missingParent = fixture.berth(project, "cp", "web:/data/top", "out/nope/x");
        assertEquals(1, missingParent.exitCode());
        assertTrue(missingParent.err().contains("does not exist"), missingParent.err());
        assertEquals(1, fixture.berth(project, "cp", "web:/data/top", "out/nodir/").exitCode());
        BerthRun missingSource = fixture.berth(project, "cp", "web:/nope", "out");
        assertTrue(missingSource.err().contains("could not find the file /nope in container cpout-web-1"), missingSource.err());

        fixture.berth(project, "cp", "web:/data/flink", "out/link").ok();
        assertTrue(Files.isSymbolicLink(out.resolve("link")), "without -L a symlink stays a symlink");
        fixture.berth(project, "cp", "-L", "web:/data/flink", "out/followed").ok();
        assertEquals("hello\n", Files.readString(out.resolve("followed")), "-L copies what it names, in the container");

        fixture.berth(project, "cp", "web:/data/top", "out/owned").ok();
        assertEquals(0, (int) Files.getAttribute(out.resolve("owned"), "unix:uid"), "the host copy is the caller's");
        fixture.berth(project, "cp", "-a", "web:/data/top", "out/archived").ok();
        assertEquals(7, (int) Files.getAttribute(out.resolve("archived"), "unix:uid"), "-a keeps the owner");
        assertEquals(8, (int) Files.getAttribute(out.resolve("archived"), "unix:gid"));
        fixture.berth(project, "down", "-v").ok();
    }

    @Test
    void symlinksInTheContainerNeverLeadACopyOutOfItsRoot() throws Exception {
        Path project = fixture.project("cpjail", SERVICE);
        fixture.berth(project, "up", "-d").ok();
        awaitFile(project, "/data/flink");
        Path secret = Files.writeString(fixture.root.resolve("host-secret"), "host only\n");
        Path out = Files.createDirectories(project.resolve("out"));

        // "/data/up/<host path>" and "/data/root/<host path>" resolve inside the container, where it does not exist
        BerthRun read = fixture.berth(project, "cp", "web:/data/up" + secret, "out/leak");
        assertEquals(1, read.exitCode(), read.toString());
        assertFalse(Files.exists(out.resolve("leak")));
        fixture.berth(project, "cp", "web:/data/root/etc/passwd", "out/passwd").ok();
        assertEquals("root:x:0:0:root:/root:/bin/sh\n", Files.readString(out.resolve("passwd")), "the container's, not the host's");

        Path payload = Files.writeString(project.resolve("payload"), "written\n");
        String escapeName = "berth-cp-escape-" + ProcessHandle.current().pid();
        fixture.berth(project, "cp", payload.toString(), "web:/data/up/tmp/" + escapeName).ok();
        assertFalse(Files.exists(Path.of("/tmp", escapeName)), "nothing written on the host's /tmp");
        assertEquals("written\n", exec(project, "cat", "/tmp/" + escapeName), "it landed in the container's /tmp");
        fixture.berth(project, "cp", payload.toString(), "web:/data/root/tmp/second").ok();
        assertEquals("written\n", exec(project, "cat", "/tmp/second"));
        fixture.berth(project, "down", "-v").ok();
    }

    @Test
    void copiesIntoContainersAndVolumesWithOwnersTarStreamsAndReplicas() throws Exception {
        Path project = fixture.project("cpin", SERVICE);
        fixture.berth(project, "up", "-d", "--scale", "web=2").ok();
        Path tree = Files.createDirectories(project.resolve("tree/inner"));
        Files.writeString(tree.resolve("file"), "from the host\n");
        Files.setAttribute(tree.resolve("file"), "unix:uid", 1234);

        fixture.berth(project, "cp", "tree", "web:/tmp/").ok();
        for (String index : List.of("1", "2")) {
            assertEquals("from the host\n", execIn(project, index, "cat", "/tmp/tree/inner/file"),
                    "without --index, to every replica (Compose v2)");
        }
        fixture.berth(project, "cp", "--index", "1", "tree/inner/file", "web:/vol/shared").ok();
        assertEquals("from the host\n", execIn(project, "2", "cat", "/vol/shared"), "into the volume both replicas mount");
        assertEquals("0", execIn(project, "1", "busybox", "stat", "-c", "%u", "/tmp/tree/inner/file").trim(),
                "copies into a container belong to its root");
        fixture.berth(project, "cp", "-a", "--index", "2", "tree/inner/file", "web:/tmp/kept").ok();
        assertEquals("1234", execIn(project, "2", "busybox", "stat", "-c", "%u", "/tmp/kept").trim(), "-a keeps the owner");
        assertEquals(1, fixture.berth(project, "exec", "--index", "1", "-T", "web", "cat", "/tmp/kept").exitCode(),
                "--index 2 went to replica 2 only");

        Process in = fixture.start(project, "cp", "--index", "1", "-", "web:/tmp");
        in.getOutputStream().write(tar("streamed/a.txt", "through stdin\n"));
        in.getOutputStream().close();
        assertTrue(in.waitFor(120, TimeUnit.SECONDS));
        BerthRun stdinRun = BerthRun.finished(in, project);
        stdinRun.ok();
        assertEquals("through stdin\n", execIn(project, "1", "cat", "/tmp/streamed/a.txt"));

        Process climbing = fixture.start(project, "cp", "--index", "1", "-", "web:/tmp");
        climbing.getOutputStream().write(tar("../../escape.txt", "no\n"));
        climbing.getOutputStream().close();
        assertTrue(climbing.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, climbing.exitValue(), "an entry with .. is refused");

        awaitFile(project, "/data/flink");
        fixture.berth(project, "cp", "web:/data/sub", "-").ok();
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(project.resolve(".out")))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        assertEquals(List.of("sub/", "sub/f"), names, "SERVICE:SRC - writes a tar stream named after the source");
        fixture.berth(project, "down", "-v").ok();
    }

    @Test
    void copiesToAndFromAStoppedContainerWithNothingLeftMounted() throws Exception {
        Path project = fixture.project("cpstopped", SERVICE);
        fixture.berth(project, "up", "-d").ok();
        awaitFile(project, "/data/flink");
        fixture.berth(project, "stop").ok();
        Path file = Files.writeString(project.resolve("in.txt"), "while stopped\n");
        fixture.berth(project, "cp", file.toString(), "web:/data/in.txt").ok();
        fixture.berth(project, "cp", file.toString(), "web:/vol/in-volume.txt").ok();
        fixture.berth(project, "cp", "web:/vol/in-volume.txt", "back.txt").ok();
        assertEquals("while stopped\n", Files.readString(project.resolve("back.txt")), "its volume is mounted for the copy");
        fixture.berth(project, "cp", "web:/data/sub/f", "out.txt").ok();
        assertEquals("hello\n", Files.readString(project.resolve("out.txt")));
        assertFalse(Files.readString(Path.of("/proc/mounts")).contains(fixture.root.toString()),
                "the stopped container's root was mounted only in a namespace of the copy's own");
        fixture.berth(project, "start").ok();
        assertEquals("while stopped\n", exec(project, "cat", "/data/in.txt"));
        assertEquals("while stopped\n", exec(project, "cat", "/vol/in-volume.txt"), "written into the volume, not the layer");
        fixture.berth(project, "down", "-v").ok();
        fixture.berth(project, "up", "-d").ok();
        assertEquals(1, fixture.berth(project, "exec", "-T", "web", "cat", "/vol/in-volume.txt").exitCode(),
                "a fresh volume does not have it");
        fixture.berth(project, "down", "-v").ok();
    }

    private static String exec(Path project, String... command) throws IOException, InterruptedException {
        return execIn(project, "1", command);
    }

    private static String execIn(Path project, String index, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("exec", "-T", "--index", index, "web"));
        args.addAll(List.of(command));
        return fixture.berth(project, args.toArray(String[]::new)).ok().out();
    }

    private static void awaitFile(Path project, String path) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                fixture.berth(project, "exec", "-T", "web", "ls", path).exitCode() == 0);
    }

    private static byte[] tar(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(data.length);
            tar.putArchiveEntry(entry);
            new ByteArrayInputStream(data).transferTo(tar);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
