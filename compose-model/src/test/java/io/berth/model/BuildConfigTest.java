package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every key of {@code build:}, as compose-go reads, normalizes and checks it; config output as Compose prints it. */
class BuildConfigTest {
    private final ComposeFixture fixture = new ComposeFixture();

    @AfterEach
    void cleanUp() throws Exception {
        fixture.close();
    }

    @Test
    void theShortFormIsTheContextMadeAbsoluteWithTheDefaultDockerfile() throws Exception {
        fixture.file("compose.yaml", "services:\n  web:\n    build: ./web\n");
        BuildConfig build = fixture.project().service("web").build();
        assertEquals(fixture.directory.resolve("web").toString(), build.context());
        assertEquals("Dockerfile", build.dockerfile());
        assertEquals(Map.of("context", fixture.directory.resolve("web").toString(), "dockerfile", "Dockerfile"),
                fixture.service("web").get("build"));
    }

    @Test
    void everyKeyOfTheLongFormIsTyped() throws Exception {
        fixture.environment.put("FROM_ENV", "env-value");
        fixture.file("compose.yaml", """
                services:
                  web:
                    build:
                      context: .
                      dockerfile: docker/Web.Dockerfile
                      args: [PLAIN=1, FROM_ENV, UNSET]
                      target: prod
                      labels: {team: web}
                      tags: [example/web:1]
                      no_cache: true
                      pull: "true"
                      additional_contexts: [assets=./assets, base=service:base, img=docker-image://busybox:local]
                      network: none
                      shm_size: 128m
                      extra_hosts: {db.local: 10.0.0.5}
                      secrets: [token, {source: key, target: signing}]
                      ulimits: {nofile: {soft: 1024, hard: 2048}, nproc: 512}
                      privileged: true
                      ssh: [default, deploy=/keys/deploy]
                      cache_from: [example/cache]
                      cache_to: [type=inline]
                      platforms: [linux/amd64]
                      isolation: default
                  base:
                    build: ./base
                secrets:
                  token: {file: ./token.txt}
                  key: {file: ./key.pem}
                """);
        BuildConfig build = fixture.project().service("web").build();
        assertEquals("docker/Web.Dockerfile", build.dockerfile());
        assertEquals(Map.of("PLAIN", "1", "FROM_ENV", "env-value"), build.args());
        assertEquals("prod", build.target());
        assertEquals(Map.of("team", "web"), build.labels());
        assertEquals(List.of("example/web:1"), build.tags());
        assertTrue(build.noCache() && build.pull() && build.privileged());
        assertEquals(Map.of("assets", fixture.directory.resolve("assets").toString(), "base", "service:base",
                "img", "docker-image://busybox:local"), build.additionalContexts());
        assertEquals(List.of("base"), build.contextServices());
        assertEquals("none", build.network());
        assertEquals(128L * 1024 * 1024, build.shmSize());
        assertEquals(List.of("db.local=10.0.0.5"), build.extraHosts());
        assertEquals(List.of(new FileReference("token", null, null, null, null),
                new FileReference("key", "signing", null, null, null)), build.secrets());
        assertEquals(Map.of("nofile", new Ulimit(1024, 2048), "nproc", new Ulimit(512, 512)), build.ulimits());
        assertEquals(Map.of("default", "", "deploy", "/keys/deploy"), build.ssh());
        assertEquals(List.of("example/cache"), build.cacheFrom());
        assertEquals(List.of("type=inline"), build.cacheTo());
        assertEquals(List.of("linux/amd64"), build.platforms());
        assertEquals("default", build.isolation());
        assertFalse(build.remoteContext());
        // build secrets count as used: config prints them
        assertEquals(List.of("key", "token"), List.copyOf(new java.util.TreeSet<>(fixture.project().secrets().keySet())));
    }

    @Test
    void anInlineDockerfileGetsNoDefaultDockerfileAndAGitContextStaysAsWritten() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  web:
                    build:
                      context: https://github.com/example/app.git#main
                      dockerfile_inline: |
                        FROM busybox:local
                """);
        BuildConfig build = fixture.project().service("web").build();
        assertNull(build.dockerfile());
        assertEquals("FROM busybox:local\n", build.dockerfileInline());
        assertEquals("https://github.com/example/app.git#main", build.context());
        assertTrue(build.remoteContext());
    }

    @Test
    void buildProblemsAreReportedAllAtOnceWithTheirPositions() {
        fixture.file("compose.yaml", """
                services:
                  web:
                    build:
                      context: .
                      dockerfile: Dockerfile
                      dockerfile_inline: FROM scratch
                      secrets: [missing]
                      additional_contexts:
                        base: service:nope
                        self: service:web
                        img: service:db
                      no_cache: maybe
                      cache_form: [x]
                  db:
                    image: busybox:local
                    platform: linux/arm64
                    build:
                      context: .
                      platforms: [linux/amd64]
                """);
        assertEquals(List.of(
                "compose.yaml:6:7: services.web.build.dockerfile_inline: dockerfile and dockerfile_inline are mutually exclusive (keep one)",
                "compose.yaml:7:17: services.web.build.secrets[0]: secret \"missing\" is not defined (none are defined)",
                "compose.yaml:9:9: services.web.build.additional_contexts.base: service \"nope\" is not defined (defined: db, web)",
                "compose.yaml:10:9: services.web.build.additional_contexts.self: a service cannot be a build context of itself",
                "compose.yaml:12:7: services.web.build.no_cache: must be a boolean (true or false), got \"maybe\"",
                "compose.yaml:13:7: services.web.build.cache_form: unknown attribute \"cache_form\" (did you mean \"cache_from\"?)",
                "compose.yaml:19:7: services.db.build.platforms: build.platforms must include the service's platform \"linux/arm64\""),
                fixture.problems());
    }
}
