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
        fixture.file("compose.yaml", "services: {web: {image: nginx, environment: {B: '1', A: '1'}}}\n");
        String ab = ConfigHash.of(fixture.project().service("web"));
        fixture.file("compose.yaml", "services: {web: {image: nginx, environment: {A: '1', B: '1'}}}\n");
        assertEquals(ab, ConfigHash.of(fixture.project().service("web")), "map order does not matter");
    }

    @Test
    void projectNameIsInterpolatedAndAvailableToTheFiles() throws Exception {
        fixture.environment.put("APP", "Shop");
        fixture.file("compose.yaml", "name: ${APP}-v2\nservices: {web: {image: x, container_name: \"${COMPOSE_PROJECT_NAME}-web\"}}\n");
        Project project = fixture.project();
        assertEquals("shop-v2", project.name());
        assertEquals("shop-v2-web", project.service("web").containerName());
        fixture.file("compose.yaml", "services: {web: {image: x, labels: {project: \"${COMPOSE_PROJECT_NAME}\"}}}\n");
        assertEquals(Map.of("project", "myapp"), fixture.project().service("web").labels(), "directory name");
    }

    @Test
    void smallerAttributesAreTyped() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  web:
                    image: nginx
                    user: "1000"
                    init: true
                    stop_signal: SIGINT
                    platform: linux/amd64
                    tmpfs: /run
                    expose: [80, "443"]
                    devices: ["/dev/fuse:/dev/fuse:rwm", {source: /dev/kvm, target: /dev/kvm}]
                    logging: {driver: json-file, options: {max-size: 10m}}
                    ulimits: {nofile: 1024}
                    shm_size: 1g
                    sysctls: {net.core.somaxconn: 1024}
                    group_add: [audio]
                    working_dir: /app
                    hostname: web1
                """);
        Service web = fixture.project().service("web");
        assertEquals("1000", web.user());
        assertEquals(true, web.init());
        assertEquals("SIGINT", web.stopSignal());
        assertEquals("linux/amd64", web.platform());
        assertEquals(List.of("/run"), web.tmpfs());
        assertEquals(List.of("80", "443"), web.expose());
        assertEquals(List.of("/dev/fuse:/dev/fuse:rwm", "/dev/kvm:/dev/kvm:rwm"), web.devices());
        assertEquals(new Logging("json-file", Map.of("max-size", "10m")), web.logging());
        assertEquals(Map.of("nofile", new Ulimit(1024, 1024)), web.ulimits());
        assertEquals(1024L * 1024 * 1024, web.shmSize());
        assertEquals(Map.of("net.core.somaxconn", "1024"), web.sysctls());
        assertEquals(List.of("audio"), web.groupAdd());
        assertEquals("/app", web.workingDir());
        assertEquals("web1", web.hostname());
        assertNull(web.stopGracePeriod());
        assertNull(web.healthcheck());
        assertEquals(1, web.replicaCount());
    }
}
