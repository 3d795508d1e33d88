package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad arguments and bad files end in one plain line and a non-zero exit, before any container is touched. */
class HostileArgumentsTest {
    private Path directory;
    private String err;

    @BeforeEach
    void createProject() throws IOException {
        directory = Files.createTempDirectory("berth-test-cli-hostile-");
        Files.writeString(directory.resolve("compose.yaml"), """
                services:
                  web: {image: busybox}
                  tools: {image: busybox, profiles: [tools]}
                """);
    }

    @AfterEach
    void removeProject() throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private int run(String... args) {
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of("-f", directory.resolve("compose.yaml").toString(), "-p", "hostile"));
            all.addAll(List.of(args));
            return BerthCommand.run(all.toArray(String[]::new));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
            err = errBytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aServiceTheFileDoesNotDefineIsNoSuchServiceForEveryCommand() {
        for (List<String> command : List.of(List.of("logs", "nosuch"), List.of("ps", "nosuch"), List.of("stop", "nosuch"),
                List.of("top", "nosuch"), List.of("kill", "nosuch"), List.of("restart", "nosuch"),
                List.of("exec", "nosuch", "sh"), List.of("port", "nosuch", "80"), List.of("attach", "nosuch"),
                List.of("cp", "nosuch:/etc/hosts", directory.resolve("hosts").toString()),
                List.of("images", "nosuch"), List.of("pause", "nosuch"))) {
            assertEquals(ExitCodes.FAILURE, run(command.toArray(String[]::new)), command.toString()); // as Compose
            assertEquals("berth: no such service: nosuch (defined: tools, web)\n", err, command.toString());
        }
    }

    @Test
    void aServiceOnlyInAProfileIsNotUnknown() {
        run("logs", "web", "tools", "nosuch", "other");
        assertEquals("berth: no such service: nosuch, other (defined: tools, web)\n", err);
    }

    @Test
    void aValueTheModelRefusesExitsFifteenWithoutAJavaName() throws IOException {
        Files.writeString(directory.resolve("compose.yaml"), "services:\n  web: {image: busybox, cpus: 1e309, scale: -1}\n");
        assertEquals(ExitCodes.INVALID_CONFIG, run("up", "-d"));
        String file = directory.resolve("compose.yaml").toString();
        assertEquals(file + ":2:25: services.web.cpus: number out of range (larger than a 64-bit float holds; write a smaller value)\n"
                + file + ":2:38: services.web.scale: must be a whole number of at least 0, got -1\n", err);
        assertFalse(err.contains("Exception"), err);
    }
}
