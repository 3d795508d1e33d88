package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The records the engine reads: every normalized attribute lands in its typed field. */
class TypedModelTest {
    private final ComposeFixture fixture = new ComposeFixture();

    @AfterEach
    void cleanUp() throws Exception {
        fixture.close();
    }

    @Test
    void serviceFieldsAreTyped() throws Exception {
        fixture.file("compose.yaml", """
                name: shop
                services:
                  web:
                    image: nginx
                    ports: ["127.0.0.1:8080:80/udp"]
                    volumes: [data:/data:ro]
                    networks: {front: {aliases: [www], ipv4_address: 10.1.0.5}}
                    depends_on: {db: {condition: service_healthy}}
                    healthcheck: {test: [CMD, "true"], interval: 5s, retries: 2}
                    stop_grace_period: 1m
                    mem_limit: 64m
                    cpus: 0.5
                    ulimits: {nofile: {soft: 1024, hard: 2048}, nproc: 64}
                    scale: 2
                    tty: true
                    privileged: "true"
                    extra_hosts: ["db:10.0.0.2"]
                  db: {image: postgres, healthcheck: {test: pg_isready}}
                networks: {front: {ipam: {config: [{subnet: 10.1.0.0/24}]}}}
                volumes: {data: }
                """);
        Project project = fixture.project();
        assertEquals("shop", project.name());
        Service web = project.service("web");
        assertEquals(new PortConfig(null, "ingress", "127.0.0.1", 80, "8080", "udp", null), web.ports().get(0));
        assertEquals(new ServiceVolume("volume", "data", "/data", true, null, null,
                new ServiceVolume.VolumeOptions(false, null), null), web.volumes().get(0));
        assertEquals(new ServiceNetwork(List.of("www"), "10.1.0.5", null, List.of(), null, null, Map.of()),
                web.networks().get("front"));
        assertEquals(new DependsOn(DependsOn.HEALTHY, false, true), web.dependsOn().get("db"));
        assertEquals(new Healthcheck(List.of("CMD", "true"), Duration.ofSeconds(5), null, null, null, 2, false),
                web.healthcheck());
        assertEquals(Duration.ofMinutes(1), web.stopGracePeriod());
        assertEquals(64L * 1024 * 1024, web.memLimit());
        assertEquals(0.5, web.cpus());
        assertEquals(Map.of("nofile", new Ulimit(1024, 2048), "nproc", new Ulimit(64, 64)), web.ulimits());
        assertEquals(2, web.replicaCount());
        assertEquals(true, web.tty());
        assertEquals(true, web.privileged());
        assertEquals(Map.of("db", List.of("10.0.0.2")), web.extraHosts());
        assertNull(web.command());
        assertEquals(List.of("CMD-SHELL", "pg_isready"), project.service("db").healthcheck().test());
        assertEquals("shop_front", project.networks().get("front").name());
        assertEquals("10.1.0.0/24", project.networks().get("front").ipam().config().get(0).subnet());
        assertEquals("shop_default", project.networks().get("default").name());
        assertEquals("shop_data", project.volumes().get("data").name());
        assertThrows(UnsupportedOperationException.class, () -> project.services().put("x", web));
    }

    @Test
    void wrongTypesAreProblems() {
        fixture.file("compose.yaml", "services:\n  web:\n    image: x\n    privileged: maybe\n    pids_limit: lots\n");
        assertEquals(List.of(
                "compose.yaml:4:5: services.web.privileged: must be a boolean (true or false), got \"maybe\"",
                "compose.yaml:5:5: services.web.pids_limit: must be a whole number, got \"lots\""), fixture.problems());
    }

    @Test
    void configHashIgnoresWhatMustNotRecreateAndSeesTheRest() throws Exception {
        fixture.file("compose.yaml", "services: {web: {image: nginx, environment: {A: '1'}}, db: {image: pg}}\n");
        String base = ConfigHash.of(fixture.project().service("web"));
        assertEquals(base, ConfigHash.of(fixture.project().service("web")), "stable across loads");
        fixture.file("compose.yaml", "services: {web: {image: nginx, environment: {A: '1'}, scale: 3,"
                + " depends_on: [db], profiles: [p], pull_policy: always}, db: {image: pg}}\n");
        LoadOptions withProfile = fixture.options().withProfiles(List.of("p"));
        assertEquals(base, ConfigHash.of(ProjectLoader.load(withProfile).service("web")));
        fixture.file("compose.yaml", "services: {web: {image: nginx, environment: {A: '2'}}, db: {image: pg}}\n");
        assertNotEquals(base, ConfigHash.of(fixture.project().service("web")));
    }
}
