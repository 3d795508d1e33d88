package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where Berth deliberately differs from Docker Compose 2.26, and why. Everything else follows
 * Compose (see ConformanceTest).
 */
class DeliberateDifferencesTest {
    private final ComposeFixture fixture = new ComposeFixture();

    @AfterEach
    void cleanUp() throws Exception {
        fixture.close();
    }

    /**
     * Compose stops at the first problem and names no line ("services.web additional properties
     * 'imgae' not allowed"). Berth reports every problem, sorted, each with file, line and column, and
     * suggests the name that was probably meant: fixing a file takes one run instead of one per mistake.
     */
    @Test
    void everyProblemIsReportedWithItsPositionNotOnlyTheFirst() {
        fixture.file("compose.yaml", "services:\n  web:\n    imgae: nginx\n    restart: sometimes\n");
        assertEquals(List.of(
                "compose.yaml:2:3: services.web: service \"web\" has neither an image nor a build context specified",
                "compose.yaml:3:5: services.web.imgae: unknown attribute \"imgae\" (did you mean \"image\"?)",
                "compose.yaml:4:5: services.web.restart: invalid restart policy \"sometimes\" (expected no, always,"
                        + " on-failure[:max-retries] or unless-stopped)"), fixture.problems());
    }

    /**
     * Compose has no limits; Berth refuses files over 16 MiB, nesting deeper than 200 levels and
     * documents that expand to more than a million values, so that hostile input cannot exhaust
     * memory or time. No real Compose file comes near these limits.
     */
    @Test
    void hostileSizesAreRefused() {
        fixture.file("compose.yaml", "services: " + "[".repeat(201) + "]".repeat(201) + "\n");
        assertTrue(fixture.problems().get(0).endsWith("yaml: nesting is deeper than 200 levels"));
    }

    /**
     * Compose prints YAML and JSON with keys in the order of its Go structs; Berth prints keys in name
     * order (the JSON and YAML trees are the same, which is what the conformance test checks), so the
     * output is stable and diffable without copying Go's field order.
     */
    @Test
    void keysArePrintedInNameOrder() throws Exception {
        fixture.file("compose.yaml", "services: {web: {image: nginx, restart: always, command: [a]}}\n");
        assertEquals(List.of("command", "entrypoint", "image", "networks", "restart"),
                List.copyOf(fixture.service("web").keySet()));
    }

    /** Like Compose, an obsolete `version:` is ignored with a warning (not a difference, kept here for the record). */
    @Test
    void obsoleteVersionIsAWarning() throws Exception {
        fixture.file("compose.yaml", "version: '3.8'\nservices: {web: {image: nginx}}\n");
        assertEquals(List.of("compose.yaml: the attribute `version` is obsolete, it will be ignored, please remove it"
                + " to avoid potential confusion"), fixture.load().warnings());
    }
}
