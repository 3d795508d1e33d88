package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.model.yaml.YamlReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hostile input is refused with a problem, in bounded time and memory, never a crash. */
class HostileInputTest {
    private final ComposeFixture fixture = new ComposeFixture();

    @AfterEach
    void cleanUp() throws Exception {
        fixture.close();
    }

    @Test
    void billionLaughsAliasBombIsRefused() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level < 10; level++) {
            yaml.append("a").append(level).append(": &a").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append("*a").append(level - 1);
            }
            yaml.append("]\n");
        }
        yaml.append("services: {web: {image: x, x-bomb: *a9}}\n");
        fixture.file("compose.yaml", yaml.toString());
        List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> fixture.problems());
        assertEquals(List.of("compose.yaml:1:1: yaml: document expands to more than 1000000 values (alias bomb?)"), problems);
    }

    @Test
    void deepNestingIsRefusedBeforeTheRecursiveComposer() {
        String yaml = "services: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        fixture.file("compose.yaml", yaml);
        assertEquals(List.of("compose.yaml:1:210: yaml: nesting is deeper than 200 levels"),
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> fixture.problems()));
    }

    @Test
    void nonUtf8BytesAreRefusedWithTheirOffset() {
        byte[] bytes = "services:\n  web:\n    image: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        fixture.bytes("compose.yaml", bytes);
        assertEquals(List.of("compose.yaml: file is not valid UTF-8 text (at byte 31)"), fixture.problems());
    }

    @Test
    void hugeFilesAreRefusedWithoutReadingThem() {
        byte[] huge = new byte[YamlReader.MAX_BYTES + 1];
        YamlReader.Result result = YamlReader.read("compose.yaml", huge);
        assertEquals("compose.yaml: file is too large (4194305 bytes, at most 4194304)", result.problems().get(0).toString());
    }

    @Test
    void anEnvFileThatIsNotARegularFileIsAProblem() {
        fixture.file("compose.yaml", "services: {web: {image: x, env_file: /dev/zero}}\n");
        List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> fixture.problems());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("/dev/zero is not a regular file"), problems.toString());
    }

    @Test
    void anEnvFileOverOneMebibyteIsAProblem() {
        fixture.file("big.env", "A=" + "x".repeat(1024 * 1024) + "\n");
        fixture.file("compose.yaml", "services: {web: {image: x, env_file: big.env}}\n");
        List<String> problems = fixture.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("big.env is larger than 1 MiB"), problems.toString());
    }

    @Test
    void interpolationNestedThousandsDeepIsAProblemNotAStackOverflow() {
        String nested = "${A:-".repeat(3000) + "x" + "}".repeat(3000);
        fixture.file("compose.yaml", "services: {web: {image: \"" + nested + "\"}}\n");
        List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> fixture.problems());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("services.web.image")
                && problems.get(0).contains("expressions nest deeper than 200 levels"), problems.toString());
    }

    @Test
    void aFileThatIsNotAMappingIsAProblem() {
        fixture.file("compose.yaml", "- just\n- a list\n");
        assertEquals(List.of("compose.yaml:1:1: a Compose file must be a mapping (services:, networks:, ...)"), fixture.problems());
    }

    @Test
    void recursiveAliasesAreRefused() {
        fixture.file("compose.yaml", "services: &s {web: {image: x, x-self: *s}}\n");
        assertEquals(1, fixture.problems().size());
    }

    @Test
    void aComposeFileWithoutASizeIsReadOnlyUpToTheLimit() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(java.nio.file.Path.of("/dev/zero")));
        List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> fixture.problems("/dev/zero"));
        assertEquals(List.of("/dev/zero: file is too large (more than 4194304 bytes, the most a Compose file may have)"), problems);
    }

    @Test
    void labelFilesAndIncludedEnvFilesAreBoundedAsEnvFilesAre() {
        fixture.file("compose.yaml", "services: {web: {image: x, label_file: /dev/zero}}\n");
        List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> fixture.problems());
        assertEquals(List.of("compose.yaml:1:28: services.web.label_file: cannot read label file /dev/zero:"
                + " /dev/zero is not a regular file"), problems);
        fixture.file("other.yaml", "services: {api: {image: x}}\n");
        fixture.file("big.env", "A=" + "x".repeat(1024 * 1024) + "\n");
        fixture.file("compose.yaml", "include: [{path: other.yaml, env_file: big.env}]\nservices: {web: {image: x}}\n");
        problems = fixture.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("include[0].env_file: cannot read env file")
                && problems.get(0).endsWith("big.env is larger than 1 MiB"), problems.toString());
    }
}
