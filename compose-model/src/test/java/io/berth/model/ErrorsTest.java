package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Problems are reported all at once, sorted, one per line, with file, line, column and path. */
class ErrorsTest {
    private final ComposeFixture fixture = new ComposeFixture();

    @AfterEach
    void cleanUp() throws Exception {
        fixture.close();
    }

    @Test
    void everyProblemOfAFileIsReportedSortedByPosition() {
        fixture.file("compose.yaml", """
                services:
                  web:
                    imgae: nginx
                    image: nginx
                    ports: ["80:80x"]
                    depends_on: [db]
                    restart: sometimes
                    container_name: web
                    deploy: {replicas: 2}
                    networks: [front]
                    stop_grace_period: 10x
                  api: {image: api, depends_on: [worker]}
                  worker: {image: w, depends_on: [api]}
                """);
        assertEquals(List.of(
                "compose.yaml:3:5: services.web.imgae: unknown attribute \"imgae\" (did you mean \"image\"?)",
                "compose.yaml:5:13: services.web.ports[0]: invalid port \"80:80x\" (expected [host_ip:][published:]target[/protocol], e.g. 8080:80/tcp)",
                "compose.yaml:6:18: services.web.depends_on.db: service \"db\" is not defined (defined: api, web, worker)",
                "compose.yaml:7:5: services.web.restart: invalid restart policy \"sometimes\" (expected no, always, on-failure[:max-retries] or unless-stopped)",
                "compose.yaml:8:5: services.web.container_name: container_name \"web\" cannot be used with 2 replicas (names must be unique)",
                "compose.yaml:10:16: services.web.networks.front: network \"front\" is not defined (defined: default)",
                "compose.yaml:11:5: services.web.stop_grace_period: time: unknown unit \"x\" in duration \"10x\"",
                "compose.yaml:13:35: services.worker.depends_on.api: dependency cycle: api -> worker -> api"),
                fixture.problems());
    }

    @Test
    void unknownKeysGetSuggestionsAtEveryLevel() {
        fixture.file("compose.yaml", """
                services:
                  web:
                    image: nginx
                    healthcheck: {tset: [CMD, "true"], intervall: 5s}
                    build: {contxt: .}
                    x-anything: fine
                volumes:
                  data: {drvier: local}
                """);
        assertEquals(List.of(
                "compose.yaml:4:19: services.web.healthcheck.tset: unknown attribute \"tset\" (did you mean \"test\"?)",
                "compose.yaml:4:40: services.web.healthcheck.intervall: unknown attribute \"intervall\" (did you mean \"interval\"?)",
                "compose.yaml:5:13: services.web.build.contxt: unknown attribute \"contxt\" (did you mean \"context\"?)",
                "compose.yaml:8:10: volumes.data.drvier: unknown attribute \"drvier\" (did you mean \"driver\"?)"),
                fixture.problems());
    }

    @Test
    void undefinedVolumesSecretsAndConfigsAreNamed() {
        fixture.file("compose.yaml", """
                services:
                  web:
                    image: nginx
                    volumes: [dta:/data]
                    secrets: [token]
                    configs: [conf]
                volumes: {data: }
                """);
        assertEquals(List.of(
                "compose.yaml:4:15: services.web.volumes[0]: volume \"dta\" is not defined (did you mean \"data\"?)",
                "compose.yaml:5:15: services.web.secrets[0]: secret \"token\" is not defined (none are defined)",
                "compose.yaml:6:15: services.web.configs[0]: config \"conf\" is not defined (none are defined)"),
                fixture.problems());
    }

    @Test
    void yamlSyntaxErrorsHaveTheirPosition() {
        fixture.file("compose.yaml", "services:\n  web:\n    image: nginx\n   ports: [80\n");
        assertEquals(1, fixture.problems().size());
        assertEquals("compose.yaml:4:4: yaml: expected <block end>, but found '<block mapping start>'", fixture.problems().get(0));
    }

    @Test
    void duplicateKeysAreReportedWithBothLines() {
        fixture.file("compose.yaml", "services:\n  web:\n    image: a\n    image: b\n");
        assertEquals(List.of("compose.yaml:4:5: services.web.image: duplicate key \"image\" (first at line 3)"),
                fixture.problems());
    }

    @Test
    void missingRequiredVariableNamesFileLineAndKey() {
        fixture.file("compose.yaml", "services:\n  web:\n    image: \"nginx:${TAG:?set TAG to the version}\"\n");
        assertEquals(List.of("compose.yaml:3:5: services.web.image: required variable TAG is missing a value: set TAG to the version"),
                fixture.problems());
    }

    @Test
    void serviceWithoutImageOrBuild() {
        fixture.file("compose.yaml", "services:\n  web:\n    command: echo\n");
        assertEquals(List.of("compose.yaml:2:3: services.web: service \"web\" has neither an image nor a build context specified"),
                fixture.problems());
    }

    @Test
    void problemsOfSeveralFilesAreSortedByFile() {
        fixture.file("a.yaml", "services: {web: {image: x, prots: []}}\n");
        fixture.file("b.yaml", "services: {web: {imag: y}}\n");
        assertEquals(List.of(
                "a.yaml:1:28: services.web.prots: unknown attribute \"prots\" (did you mean \"ports\"?)",
                "b.yaml:1:18: services.web.imag: unknown attribute \"imag\" (did you mean \"image\"?)"),
                fixture.problems("a.yaml", "b.yaml"));
    }

    @Test
    void invalidProjectNameFromTheCommandLine() {
        fixture.file("compose.yaml", "services: {web: {image: x}}\n");
        ComposeProblemsException failure = org.junit.jupiter.api.Assertions.assertThrows(ComposeProblemsException.class,
                () -> ProjectLoader.load(fixture.options().withProjectName("My App")));
        assertEquals("invalid project name \"My App\": must consist only of lowercase alphanumeric characters,"
                + " hyphens, and underscores as well as start with a letter or number", failure.getMessage());
    }
}
