package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code berth config} end to end through picocli: output, flags, exit codes, error lines. */
class ConfigCommandTest {
    private Path directory;
    private String out;
    private String err;

    @BeforeEach
    void createProject() throws IOException {
        directory = Files.createTempDirectory("berth-test-cli-").resolve("demo");
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("compose.yaml"), """
                services:
                  web: {image: "nginx:$${NOT_INTERPOLATED}", ports: ["8080:80"], depends_on: [db]}
                  db: {image: postgres, volumes: [data:/var/lib/postgresql/data], profiles: [db]}
                  tools: {build: ./tools, profiles: [tools]}
                volumes: {data: }
                """);
    }

    @AfterEach
    void removeProject() throws IOException {
        try (Stream<Path> paths = Files.walk(directory.getParent())) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private int run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            return BerthCommand.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            out = outBytes.toString(StandardCharsets.UTF_8);
            err = errBytes.toString(StandardCharsets.UTF_8);
        }
    }

    private String file() {
        return directory.resolve("compose.yaml").toString();
    }

    @Test
    void printsYamlByDefaultAndJsonOnRequestWithDollarsEscaped() {
        assertEquals(0, run("config", "-f", file(), "--profile", "db"));
        assertTrue(out.startsWith("name: demo\n"), out);
        assertTrue(out.contains("image: nginx:$${NOT_INTERPOLATED}"), out);
        assertEquals(0, run("-f", file(), "config", "--format", "json", "--profile", "db"));
        assertTrue(out.startsWith("{\n  \"name\": \"demo\","), out);
    }

    @Test
    void listsServicesVolumesProfilesImagesAndHashes() {
        assertEquals(0, run("config", "-f", file(), "--profile", "db", "--services"));
        assertEquals("db\nweb\n", out);
        assertEquals(0, run("config", "-f", file(), "--profile", "db", "--volumes"));
        assertEquals("data\n", out);
        assertEquals(0, run("config", "-f", file(), "--profile", "db", "--profiles"));
        assertEquals("db\ntools\n", out);
        assertEquals(0, run("config", "-f", file(), "--profile", "*", "--images"));
        assertEquals("postgres\ndemo-tools\nnginx:${NOT_INTERPOLATED}\n", out);
        assertEquals(0, run("config", "-f", file(), "--profile", "db", "--hash", "web"));
        assertTrue(out.matches("web [0-9a-f]{64}\n"), out);
    }

    @Test
    void convertWritesKubernetesManifestsToStdoutOrAKustomizeBase() throws IOException {
        assertEquals(0, run("-f", file(), "--profile", "db", "convert", "--format", "kubernetes", "--publish-as", "nodeport"));
        assertTrue(out.startsWith("---\napiVersion: v1\nkind: PersistentVolumeClaim\n"), out);
        assertTrue(out.contains("kind: Deployment\nmetadata:\n  name: web\n"), out);
        assertTrue(out.contains("type: NodePort"), out);
        assertTrue(err.contains("berth: warning: services.web.ports: published port 8080 is outside the node-port range"), err);
        Path base = directory.resolve("k8s");
        assertEquals(0, run("-f", file(), "--profile", "db", "convert", "--format", "kubernetes", "-o", base.toString()));
        assertTrue(Files.readString(base.resolve("kustomization.yaml")).contains("- web-deployment.yaml"));
        assertTrue(Files.readString(base.resolve("db-deployment.yaml")).contains("claimName: data"));
        assertEquals(ExitCodes.USAGE, run("-f", file(), "--profile", "db", "convert", "--format", "kubernetes",
                "--publish-as", "ingress"));
        assertTrue(err.contains("--publish-as: \"ingress\" is not a Service type"), err);
    }

    @Test
    void invalidFilesExitWithTheListOfProblemsAndNoStackTrace() throws IOException {
        Files.writeString(directory.resolve("compose.yaml"), "services:\n  web: {imgae: x, image: y, depends_on: [db]}\n");
        assertEquals(ExitCodes.INVALID_CONFIG, run("config", "-f", file(), "-q"));
        assertEquals("compose.yaml:2:9: services.web.imgae: unknown attribute \"imgae\" (did you mean \"image\"?)\n"
                + "compose.yaml:2:42: services.web.depends_on.db: service \"db\" is not defined (defined: web)\n",
                err.replace(directory + "/", ""));
        assertEquals("", out);
        assertFalse(err.contains("Exception"));
    }

    @Test
    void aMissingExtendedOrEnvFileExitsWithFourteenAsCompose() throws IOException {
        Files.writeString(directory.resolve("compose.yaml"),
                "services:\n  web: {extends: {file: nope.yaml, service: x}}\n");
        assertEquals(ExitCodes.FILE_NOT_FOUND, run("config", "-f", file(), "-q"));
        assertTrue(err.contains("nope.yaml: extended file not found"), err);
        Files.writeString(directory.resolve("compose.yaml"), "services:\n  web: {image: x, env_file: nope.env}\n");
        assertEquals(ExitCodes.FILE_NOT_FOUND, run("config", "-f", file(), "-q"));
        Files.writeString(directory.resolve("compose.yaml"), "services:\n  web: {image: x, env_file: nope.env, imgae: y}\n");
        assertEquals(ExitCodes.INVALID_CONFIG, run("config", "-f", file(), "-q")); // other problems too: 15
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(ExitCodes.USAGE, run("config", "-f", file(), "--format", "xml"));
        assertEquals("berth: unsupported format \"xml\" (supported: yaml, json, kubernetes)\n", err);
        assertEquals(ExitCodes.USAGE, run("config", "--no-such-flag"));
    }

    @Test
    void writesToAFileWithOutput() throws IOException {
        Path output = directory.resolve("out.json");
        assertEquals(0, run("config", "-f", file(), "--profile", "db", "--format", "json", "-o", output.toString()));
        assertEquals("", out);
        assertTrue(Files.readString(output).contains("\"demo_data\""));
    }

    @Test
    void completionScriptNamesTheCommands() {
        assertEquals(0, run("completion", "bash"));
        assertTrue(out.contains("berth") && out.contains("config"), out);
    }

    @Test
    void variablesAreListedWithTheirDefaults() throws IOException {
        Files.writeString(directory.resolve("compose.yaml"),
                "services: {web: {image: \"nginx:${TAG:-latest}\", environment: [\"KEY=${KEY:?set it}\"]}}\n");
        assertEquals(0, run("config", "-f", file(), "--variables"));
        assertEquals("NAME   REQUIRED   DEFAULT VALUE   ALTERNATE VALUE\n"
                + "KEY    true\n"
                + "TAG    false      latest\n", out);
    }
}
