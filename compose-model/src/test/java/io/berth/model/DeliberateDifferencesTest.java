package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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

    /**
     * Compose 2.26 accepts any restart policy in {@code config} and fails only when it creates the
     * container; Berth refuses it while loading, with the values that are allowed, because a typo there
     * otherwise shows up late and far from the file.
     */
    @Test
    void invalidRestartPoliciesAreRefusedWhileLoading() {
        fixture.file("compose.yaml", "services: {web: {image: x, restart: sometimes}}\n");
        assertEquals(List.of("compose.yaml:1:28: services.web.restart: invalid restart policy \"sometimes\""
                + " (expected no, always, on-failure[:max-retries] or unless-stopped)"), fixture.problems());
    }

    /**
     * {@code docker compose config tools} (2.26.1) fails with "No such service: debug" when the named
     * service depends on one switched off by its profile; Berth enables what a named service depends on,
     * as {@code up tools} must start it anyway.
     */
    @Test
    void dependenciesOfANamedServiceAreEnabledWhateverTheirProfiles() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  web: {image: nginx}
                  debug: {image: busybox, profiles: [debug]}
                  tools: {image: busybox, profiles: [tools], depends_on: [debug]}
                """);
        assertEquals(List.of("debug", "tools", "web"), List.copyOf(ProjectLoader.load(
                fixture.options().withRequestedServices(List.of("tools"))).services().keySet()));
    }

    /**
     * Compose 2.26.1 accepts {@code environment: A=1} (a plain string) in an override file only, because
     * its merge turns the string into a list before the schema is checked, and refuses it in the first
     * file. Berth refuses it in every file, with the forms that are allowed: the schema wants a mapping
     * or a list, and a file should not mean something else depending on its place on the command line.
     */
    @Test
    void aPlainStringEnvironmentIsRefusedInOverrideFilesToo() {
        fixture.file("compose.yaml", "services: {web: {image: nginx, environment: {A: '1'}}}\n");
        fixture.file("compose.override.yaml", "services:\n  web:\n    environment: A=1\n");
        assertEquals(List.of("compose.override.yaml:3:5: services.web.environment: must be a mapping or a list of KEY=VALUE"),
                fixture.problems());
    }

    /**
     * Compose 2.26.1 refuses {@code env_file} entries with {@code format: raw} and the {@code pull_policy}
     * values {@code daily}, {@code weekly} and {@code every_<duration>}; later Compose releases read them,
     * and so does Berth (docs/images.md for the pull policies): files written for a newer Compose work.
     */
    @Test
    void newerComposeValuesAreRead() throws Exception {
        fixture.file("vars.env", "A=$literal\n");
        fixture.file("compose.yaml", "services:\n  web:\n    image: nginx\n    pull_policy: every_12h\n"
                + "    env_file: [{path: vars.env, format: raw}]\n");
        assertEquals(Map.of("A", "$literal"), fixture.service("web").get("environment")); // $$ only when printed
    }

    /**
     * Compose's {@code config} accepts a memory limit under 6m and healthcheck durations under 1ms, which
     * Docker refuses only when the container is made; Berth refuses them while loading, so that {@code up}
     * makes nothing half (see docs/compose-model.md, "Refused when loading"; HostileValuesTest).
     */
    @Test
    void valuesTheEngineWouldRefuseAreRefusedWhileLoading() {
        fixture.file("compose.yaml", "services:\n  web:\n    image: nginx\n    mem_limit: 1m\n"
                + "    healthcheck: {test: [CMD, 'true'], interval: 2us}\n");
        List<String> problems = fixture.problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("compose.yaml:4:5: services.web.mem_limit: must be at least 6m"), problems.get(0));
        assertTrue(problems.get(1).contains("services.web.healthcheck.interval"), problems.get(1));
    }
}
