package io.berth.cli.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.testfixtures.BusyboxImage;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The image commands as a user runs them: a real berth process on a temp state root. */
class ImageCommandsTest {
    private Path stateRoot;

    @BeforeEach
    void setUp() throws IOException {
        stateRoot = Files.createTempDirectory(Path.of("/tmp"), "berth-test-cli-images-");
    }

    @AfterEach
    void tearDown() throws IOException {
        Files.walkFileTree(stateRoot, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private record Result(int exitCode, String out, String err) {
    }

    private Result berth(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "io.berth.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("BERTH_ROOT", stateRoot.resolve("state").toString());
        builder.environment().put("BERTH_RUN_ROOT", stateRoot.resolve("run").toString());
        Path err = stateRoot.resolve("stderr");
        Process process = builder.redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        return new Result(process.exitValue(), out, Files.readString(err));
    }

    @Test
    void inspectFormatPruneAndOciSaveAsDockerPrintsThem() throws Exception {
        assertEquals(0, berth("image", "load", "-i", BusyboxImage.dockerArchive().toString()).exitCode());
        String id = BusyboxImage.get().configDigest();
        Result inspected = berth("image", "inspect", "--format",
                "{{.Id}} {{index .RepoTags 0}} {{.Os}} {{len}}", "busybox:test");
        assertTrue(inspected.exitCode() != 0 && inspected.err().contains("len"), "an unknown function: " + inspected.err());
        Result formatted = berth("image", "inspect", "-f", "{{.Id}}|{{index .RepoTags 0}}|{{.Os}}|{{json .RootFS.Layers}}",
                "busybox:test");
        assertEquals(id + "|busybox:test|linux|[\"" + BusyboxImage.get().diffId() + "\"]\n", formatted.out(), formatted.err());
        String table = berth("image", "ls").out();
        assertTrue(table.lines().findFirst().orElse("").endsWith("SIZE"), table);
        assertTrue(table.lines().skip(1).findFirst().orElse("").matches(".*\\d(\\.\\d+)?[kMG]?B$"), table);

        Path oci = stateRoot.resolve("saved-oci.tar");
        Result save = berth("image", "save", "--format", "oci", "-o", oci.toString(), "busybox:test");
        assertEquals(0, save.exitCode(), save.err());
        assertTrue(Files.size(oci) > 0);
        assertTrue(berth("image", "save", "--format", "zip", "-o", oci.toString(), "busybox:test").exitCode() != 0);

        assertEquals(0, berth("image", "tag", "busybox:test", "other:1").exitCode());
        assertEquals(0, berth("image", "rm", "busybox:test").exitCode());
        Result nothing = berth("image", "prune", "-f");
        assertEquals("Total reclaimed space: 0B\n", nothing.out(), nothing.err());
        Result all = berth("image", "prune", "-a", "-f");
        assertEquals("Deleted Images:\nuntagged: other:1\ndeleted: " + id + "\n", all.out().substring(0,
                all.out().indexOf("\n\n") + 1), all.err());
        assertTrue(all.out().contains("\nTotal reclaimed space: ") && !all.out().contains("space: 0B"), all.out());
        assertEquals("", berth("image", "ls", "-q").out());
    }

    @Test
    void loadTagListInspectRemove() throws Exception {
        Result load = berth("image", "load", "-i", BusyboxImage.dockerArchive().toString());
        assertEquals("Loaded image: busybox:test\n", load.out(), load.err());
        assertEquals(0, berth("image", "tag", "busybox:test", "localhost:5000/web:1").exitCode());
        String table = berth("image", "ls").out();
        assertTrue(table.startsWith("REPOSITORY"), table);
        assertTrue(table.contains("localhost:5000/web") && table.contains("busybox"), table);
        String shortId = BusyboxImage.get().configDigest().substring(7, 19);
        assertEquals(shortId + "\n", berth("image", "ls", "-q").out());
        String inspect = berth("image", "inspect", "localhost:5000/web:1").out();
        assertTrue(inspect.contains("\"Id\" : \"" + BusyboxImage.get().configDigest() + "\""), inspect);
        assertTrue(inspect.contains("\"Cmd\" : [ \"sh\" ]"), inspect);
        Result rm = berth("image", "rm", "busybox:test", "localhost:5000/web:1");
        assertEquals("Untagged: busybox:test\nUntagged: localhost:5000/web:1\nDeleted: "
                + BusyboxImage.get().configDigest() + "\n", rm.out(), rm.err());
        assertEquals("", berth("image", "ls", "-q").out());
    }

    @Test
    void pullPrintsDockerLikeProgress() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.berth.testfixtures.LocalRegistry.available(),
                "needs docker-registry and skopeo");
        try (var registry = io.berth.testfixtures.LocalRegistry.start()) {
            String name = registry.pushBusybox();
            Result pull = berth("image", "pull", name);
            assertEquals(0, pull.exitCode(), pull.err());
            String layer = BusyboxImage.get().layerDigest().substring(7, 19);
            assertTrue(pull.out().startsWith("test: Pulling from busybox\n"), pull.out());
            assertTrue(pull.out().contains(layer + ": Pull complete\n"), pull.out());
            assertTrue(pull.out().endsWith(name + "\n"), pull.out());
            Result again = berth("image", "pull", name);
            assertTrue(again.out().contains(layer + ": Already exists\n"), again.out());
        }
    }

    @Test
    void importIfMissingDoesNothingTheSecondTime() throws Exception {
        String rootfs = BusyboxImage.rootfsTar().toString();
        Result first = berth("image", "import", "--change", "CMD [\"sh\"]", rootfs, "app:1");
        assertEquals(0, first.exitCode(), first.err());
        Result second = berth("image", "import", "--if-missing", rootfs, "app:1");
        assertEquals(first.out(), second.out(), "the existing image's id");
        assertTrue(berth("image", "inspect", "app:1").out().contains("\"Cmd\" : [ \"sh\" ]"),
                "the second import changed nothing");
    }

    @Test
    void mistakesGetAShortMessageAndExitCodeOne() throws Exception {
        Result badName = berth("image", "tag", "busybox", "Not/Valid");
        assertEquals(1, badName.exitCode());
        assertTrue(badName.err().contains("repository name must be lowercase"), badName.err());
        assertTrue(!badName.err().contains("\tat "), "no stack trace");
        Result missing = berth("image", "inspect", "nothing-here");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("No such image: nothing-here"), missing.err());
        Result notATar = berth("image", "import", "/bin/busybox", "x:1");
        assertEquals(1, notATar.exitCode());
        assertTrue(notATar.err().contains("not a valid tar stream"), notATar.err());
    }
}
