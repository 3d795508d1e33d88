package io.berth.cli.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code berth network ...} and {@code berth volume ...} run as the user runs them: a new JVM. */
@Tag("root")
class NetworkAndVolumeCommandsTest {
    private Path stateRoot;

    record Run(int exitCode, String stdout, String stderr) {
    }

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: creates bridges and iptables rules");
        stateRoot = Files.createTempDirectory(Path.of("/tmp"), "berth-test-cli-");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (stateRoot == null) {
            return;
        }
        for (String name : berth("network", "ls", "-q").stdout().split("\n")) {
            if (!name.isBlank()) {
                berth("network", "rm", "-f", name.strip());
            }
        }
        try (Stream<Path> paths = Files.walk(stateRoot)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private Run berth(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.berth.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("BERTH_ROOT", stateRoot.toString());
        builder.environment().put("BERTH_SUBNET_POOL", "10.236.0.0/16:24");
        Path out = stateRoot.resolve(".out");
        Path err = stateRoot.resolve(".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = process.waitFor();
        return new Run(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void networksAreCreatedListedInspectedAndRemoved() throws Exception {
        assertEquals(0, berth("network", "create", "berthcli_front", "--label", "team=a").exitCode());
        Run internal = berth("network", "create", "berthcli_back", "--internal", "--subnet", "10.237.1.0/24");
        assertEquals(0, internal.exitCode(), internal.stderr());
        Run ls = berth("network", "ls");
        assertTrue(ls.stdout().contains("berthcli_back") && ls.stdout().contains("10.237.1.0/24"), ls.stdout());
        assertEquals("berthcli_front\n", berth("network", "ls", "-q", "--filter", "label=team=a").stdout());
        Run inspect = berth("network", "inspect", "berthcli_back");
        assertTrue(inspect.stdout().contains("\"Internal\" : true") && inspect.stdout().contains("\"Gateway\" : \"10.237.1.1\""),
                inspect.stdout());
        Run duplicate = berth("network", "create", "berthcli_front");
        assertEquals(1, duplicate.exitCode());
        assertTrue(duplicate.stderr().startsWith("berth: create network berthcli_front: it already exists"), duplicate.stderr());
        assertFalse(duplicate.stderr().contains("at io.berth"), "no stack trace: " + duplicate.stderr());
        assertEquals(0, berth("network", "rm", "berthcli_front", "berthcli_back").exitCode());
        assertEquals("", berth("network", "ls", "-q").stdout());
    }

    @Test
    void volumesAreCreatedListedInspectedAndRemoved() throws Exception {
        assertEquals(0, berth("volume", "create", "berthcli_data", "--label", "x=y").exitCode());
        Run anonymous = berth("volume", "create");
        assertTrue(anonymous.stdout().strip().matches("[0-9a-f]{64}"), anonymous.stdout());
        assertTrue(berth("volume", "ls").stdout().contains("local     berthcli_data"));
        assertTrue(berth("volume", "inspect", "berthcli_data").stdout()
                .contains("\"Mountpoint\" : \"" + stateRoot.resolve("volumes/berthcli_data/_data") + "\""));
        Run bad = berth("volume", "create", "../escape");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.stderr().contains("invalid volume name"), bad.stderr());
        assertEquals(0, berth("volume", "rm", "berthcli_data", anonymous.stdout().strip()).exitCode());
        assertEquals(1, berth("volume", "rm", "berthcli_data").exitCode());
        assertEquals("", berth("volume", "ls", "-q").stdout());
    }
}
