package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where Docker Compose 2.26.1 (compose-go 2.1.3, its schema and checks) refuses a file Berth used to
 * accept, accepts one Berth used to refuse, or prints it differently: each case as a user meets it,
 * with the message and its position. Every expectation was checked against Compose's own output.
 */
class ValidationRulesTest {
    private final ComposeFixture fixture = new ComposeFixture();

    @AfterEach
    void cleanUp() throws Exception {
        fixture.close();
    }

    private List<String> refused(String compose) {
        fixture.file("compose.yaml", compose);
        return fixture.problems();
    }

    @Test
    void anExternalVolumeTakesNoDriverDriverOptsOrLabels() {
        assertEquals(List.of(
                "compose.yaml:4:26: volumes.data.driver: conflicting parameters \"external\" and \"driver\" (an external volume is created outside the project: remove driver)",
                "compose.yaml:5:26: volumes.logs.labels: conflicting parameters \"external\" and \"labels\" (an external volume is created outside the project: remove labels)"),
                refused("""
                        services: {web: {image: nginx, volumes: ["data:/d", "logs:/l"]}}
                        volumes:
                          cache: {external: false, driver: local}
                          data: {external: true, driver: local}
                          logs: {external: true, labels: {a: b}}
                        """));
    }

    @Test
    void nameAndADifferentExternalNameConflict() {
        assertEquals(List.of("compose.yaml:3:33: networks.front.external.name: name and external.name conflict (use only name, with external: true)"),
                refused("""
                        services: {web: {image: nginx, networks: [front]}}
                        networks:
                          front: {name: foo, external: {name: bar}}
                        """));
    }

    @Test
    void mappingKeysMustBeStrings() {
        assertEquals(List.of(
                "compose.yaml:5:7: services.web.labels: non-string key 1 (quote it: \"1\")",
                "compose.yaml:6:7: services.web.labels: non-string key true (quote it: \"true\")"),
                refused("""
                        services:
                          web:
                            image: nginx
                            labels:
                              1: one
                              true: yes
                              "2": quoted is fine
                              on: a string in YAML 1.2
                        """));
    }

    @Test
    void anEmptyFileIsRefused() {
        assertEquals(List.of("compose.yaml:1:1: empty compose file (a Compose file needs at least services:)"),
                refused("# nothing here\n"));
    }

    @Test
    void tmpfsSizeMustNotBeNegative() {
        assertEquals(List.of("compose.yaml:4:49: services.web.volumes[0].tmpfs.size: must be greater than or equal to 0, got -1"),
                refused("""
                        services:
                          web:
                            image: nginx
                            volumes: [{type: tmpfs, target: /t, tmpfs: {size: -1}}]
                        """));
    }

    @Test
    void aBindMountNeedsASource() {
        assertEquals(List.of("compose.yaml:4:15: services.web.volumes[0]: a bind mount needs a source (the path on the host)"),
                refused("""
                        services:
                          web:
                            image: nginx
                            volumes: [{type: bind, target: /t}]
                        """));
    }

    @Test
    void deviceRequestsNeedCapabilitiesAndAValidCount() {
        assertEquals(List.of(
                "compose.yaml:6:11: services.web.deploy.resources.reservations.devices[0]: \"capabilities\" is required",
                "compose.yaml:7:11: services.web.deploy.resources.reservations.devices[1]: count and device_ids cannot be combined (use one of them)",
                "compose.yaml:8:33: services.web.deploy.resources.reservations.devices[2].count: invalid value \"many\" (expected a number or all)"),
                refused("""
                        services:
                          web:
                            image: nginx
                            deploy:
                              resources: {reservations: {devices: [
                                  {driver: nvidia, count: 1},
                                  {capabilities: [gpu], count: 1, device_ids: ["0"]},
                                  {capabilities: [gpu], count: many}]}}
                        """));
    }

    @Test
    void watchRulesNeedAKnownAction() {
        assertEquals(List.of(
                "compose.yaml:4:23: services.web.develop.watch[0]: \"action\" is required",
                "compose.yaml:4:52: services.web.develop.watch[1].action: invalid action \"copy\" (expected one of rebuild, sync, restart, sync+restart, sync+exec)"),
                refused("""
                        services:
                          web:
                            image: nginx
                            develop: {watch: [{path: ./src}, {path: ./src, action: copy}]}
                        """));
    }

    @Test
    void aServiceNamedLikeAnExtensionIsStillChecked() {
        assertEquals(List.of("compose.yaml:4:16: services.x-web.networks.nope: network \"nope\" is not defined (none are defined)"),
                refused("""
                        services:
                          x-web:
                            image: nginx
                            networks: [nope]
                        """));
    }

    @Test
    void aSecretOrConfigNeedsASource() {
        assertEquals(List.of(
                "compose.yaml:2:11: configs.conf: one of file, environment, content must be set (or external: true)",
                "compose.yaml:4:3: secrets.token: one of file, environment must be set (or external: true)"),
                refused("""
                        services: {web: {image: nginx}}
                        configs: {conf: {name: x}, inline: {content: hi}}
                        secrets:
                          token: {}
                          outside: {external: true}
                        """));
    }

    @Test
    void aServiceDefinedBothInTheFileAndByAnIncludeIsRefused() {
        fixture.file("other.yaml", "services:\n  web: {image: other}\n");
        assertEquals(List.of(fixture.directory.resolve("other.yaml")
                        + ":2:3: services.web: services.web conflicts with a resource of an included file"),
                refused("""
                        include: [other.yaml]
                        services:
                          web: {image: nginx}
                        """));
    }

    @Test
    void repeatedEntriesOfUniqueListsAreRefusedAndOthersMerged() throws Exception {
        assertEquals(List.of(
                "compose.yaml:4:22: services.web.depends_on[1]: duplicate entry \"db\" (the same as [0]; entries must be unique)",
                "compose.yaml:5:33: services.web.extra_hosts[1]: duplicate entry \"a:10.0.0.1\" (the same as [0]; entries must be unique)"),
                refused("""
                        services:
                          web:
                            image: nginx
                            depends_on: [db, db]
                            extra_hosts: ["a:10.0.0.1", "a:10.0.0.1", "a:10.0.0.2"]
                          db: {image: db}
                        """));
        fixture.file("compose.yaml", """
                services:
                  web: {image: nginx, cap_add: [NET_ADMIN, NET_ADMIN], ports: ["80:80", {target: 80, published: "80"}]}
                """);
        Map<String, Object> web = fixture.service("web");
        assertEquals(List.of("NET_ADMIN"), web.get("cap_add"));
        assertEquals(1, ((List<?>) web.get("ports")).size());
    }

    @Test
    void boundsOfTheSchemaAreChecked() {
        assertEquals(List.of(
                "compose.yaml:2:23: services.web.cpu_percent: must be less than or equal to 100, got 120",
                "compose.yaml:2:41: services.web.oom_score_adj: must be greater than or equal to -1000, got -2000"),
                refused("services:\n  web: {image: nginx, cpu_percent: 120, oom_score_adj: -2000}\n"));
    }

    @Test
    void resourcesDeclaredWithNullAndIpv4AreAccepted() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  web: {image: nginx, networks: [front, back]}
                networks:
                  front:
                  back: {enable_ipv4: true}
                """);
        assertEquals(Map.of("name", "myapp_back", "enable_ipv4", true, "ipam", Map.of()),
                ((Map<?, ?>) fixture.load().canonical().get("networks")).get("back"));
    }

    @Test
    void severalYamlDocumentsAreMergedInOrder() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  web: {image: nginx}
                ---
                services:
                  web: {image: httpd}
                  db: {image: postgres}
                """);
        assertEquals("httpd", fixture.service("web").get("image"));
        assertEquals("postgres", fixture.service("db").get("image"));
    }

    @Test
    void outputsAreNormalizedAsComposePrintsThem() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  web:
                    image: nginx
                    gpus: all
                    ports: []
                    environment: []
                    command: []
                    deploy:
                      labels: [a=b, c]
                      resources: {reservations: {devices: [{capabilities: [gpu], count: all}]}}
                  api: {extends: web, build: {dockerfile: Other}}
                  base: {image: x, build: ./sub, volumes: ["data:/d"]}
                  app: {extends: base, build: {dockerfile: D}}
                volumes:
                  data: {driver: local, driver_opts: {type: none, o: bind, device: ./data}}
                """);
        Map<String, Object> web = fixture.service("web");
        assertEquals(List.of(Map.of("count", -1L)), web.get("gpus"));
        assertEquals(false, web.containsKey("ports"));
        assertEquals(false, web.containsKey("environment"));
        assertEquals(List.of(), web.get("command"));
        Map<?, ?> deploy = (Map<?, ?>) web.get("deploy");
        assertEquals(Map.of("a", "b", "c", ""), deploy.get("labels"));
        assertEquals("[{capabilities=[gpu], count=-1}]",
                String.valueOf(((Map<?, ?>) ((Map<?, ?>) deploy.get("resources")).get("reservations")).get("devices")));
        assertEquals(fixture.directory.resolve("sub").toString(), ((Map<?, ?>) fixture.service("app").get("build")).get("context"));
        assertEquals(fixture.directory.toString(), ((Map<?, ?>) fixture.service("api").get("build")).get("context"));
        Map<?, ?> volume = (Map<?, ?>) ((Map<?, ?>) fixture.load().canonical().get("volumes")).get("data");
        assertEquals(fixture.directory.resolve("data").toString(), ((Map<?, ?>) volume.get("driver_opts")).get("device"));
    }

    @Test
    void includedFilesReadTheirEnvFileAndDeveloperAttributesPrintAsCompose() throws Exception {
        fixture.file("sub/compose.yaml", "services:\n  api: {image: \"api:${TAG}\"}\n");
        fixture.file("sub/.env", "TAG=3\n");
        fixture.file("compose.yaml", """
                include: [sub/compose.yaml]
                services:
                  web:
                    image: nginx
                    logging: {options: {max-file: 3}}
                    blkio_config: {device_read_bps: [{path: /dev/sda, rate: 1mb}]}
                    develop: {watch: [{path: ./src, action: sync, target: /src}]}
                """);
        assertEquals("api:3", fixture.service("api").get("image"));
        Map<String, Object> web = fixture.service("web");
        assertEquals(Map.of("max-file", "3"), ((Map<?, ?>) web.get("logging")).get("options"));
        assertEquals("{device_read_bps=[{Path=/dev/sda, Rate=1048576}]}", String.valueOf(web.get("blkio_config")));
        Map<?, ?> rule = (Map<?, ?>) ((List<?>) ((Map<?, ?>) web.get("develop")).get("watch")).get(0);
        assertEquals(fixture.directory.resolve("src").toString(), rule.get("path"));
        assertEquals(true, ((Map<?, ?>) rule.get("exec")).containsKey("command"));
        assertEquals(List.of(), fixture.load().warnings(), "develop.watch is acted on by berth watch: no warning");
    }

    @Test
    void listOnlyAttributesRefuseASingleStringAndDeviceOptionsAreStrings() throws Exception {
        assertEquals(List.of("compose.yaml:2:23: services.web.cap_add: must be a list (write [NET_ADMIN])"),
                refused("services:\n  web: {image: nginx, cap_add: NET_ADMIN, dns: 1.1.1.1}\n"));
        fixture.file("compose.yaml", """
                services:
                  web:
                    image: nginx
                    deploy: {resources: {reservations: {devices: [{capabilities: [gpu], options: {virtualization: false}}]}}}
                """);
        List<?> devices = (List<?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) fixture.service("web").get("deploy"))
                .get("resources")).get("reservations")).get("devices");
        assertEquals(Map.of("virtualization", "false"), ((Map<?, ?>) devices.get(0)).get("options"));
    }
}
