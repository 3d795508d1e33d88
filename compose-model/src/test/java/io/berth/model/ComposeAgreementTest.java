package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Differences found by comparing {@code berth config} with Docker Compose 2.26.1's on probe files
 * ({@code scripts/compare-compose}, cases under {@code src/test/resources/probes/}): each case holds
 * Compose's verdict, and for a refusal the message and position Berth prints.
 */
class ComposeAgreementTest {
    private final ComposeFixture fixture = new ComposeFixture();

    @AfterEach
    void cleanUp() throws Exception {
        fixture.close();
    }

    private Map<String, Object> web(String compose) throws ComposeProblemsException {
        fixture.file("compose.yaml", compose);
        return fixture.service("web");
    }

    private List<String> refused(String compose) {
        fixture.file("compose.yaml", compose);
        return fixture.problems();
    }

    @Test
    void stringsAreCastToNumbersAndBooleansAfterInterpolation() throws Exception {
        fixture.file(".env", "SHARES=512\n");
        Map<String, Object> web = web("""
                services:
                  web:
                    image: nginx
                    cpus: "0.5"
                    cpu_shares: ${SHARES}
                    pids_limit: "100"
                    init: "yes"
                    configs: [{source: c, mode: "0440"}]
                    deploy: {replicas: "2", restart_policy: {max_attempts: "3"}}
                    ulimits: {nproc: "10"}
                configs:
                  c: {content: x}
                """);
        assertEquals(0.5, web.get("cpus"));
        assertEquals(512L, web.get("cpu_shares"));
        assertEquals(100L, web.get("pids_limit"));
        assertEquals(true, web.get("init"));
        assertEquals(440L, ((Map<?, ?>) ((List<?>) web.get("configs")).get(0)).get("mode")); // decimal, as Go's Atoi
        assertEquals(2L, ((Map<?, ?>) web.get("deploy")).get("replicas"));
        assertEquals(3L, ((Map<?, ?>) ((Map<?, ?>) web.get("deploy")).get("restart_policy")).get("max_attempts"));
        assertEquals(10L, ((Map<?, ?>) web.get("ulimits")).get("nproc"));
    }

    @Test
    void aStringThatDoesNotCastIsRefused() {
        assertEquals(List.of(
                "compose.yaml:4:5: services.web.cpu_period: must be a whole number, got \"100ms\"",
                "compose.yaml:5:5: services.web.cpus: must be a number, got \"lots\""),
                refused("""
                        services:
                          web:
                            image: nginx
                            cpu_period: 100ms
                            cpus: lots
                        """));
    }

    @Test
    void deployDurationsArePrintedAsGoFormatsThem() throws Exception {
        Map<?, ?> deploy = (Map<?, ?>) web("""
                services:
                  web:
                    image: nginx
                    deploy: {restart_policy: {window: 90s, delay: 1m}, update_config: {monitor: 1h}}
                """).get("deploy");
        assertEquals(Map.of("window", "1m30s", "delay", "1m0s"), deploy.get("restart_policy"));
        assertEquals(Map.of("monitor", "1h0m0s"), deploy.get("update_config"));
    }

    @Test
    void falseFlagsThatComposeHoldsAsPlainBooleansAreLeftOut() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  web:
                    image: nginx
                    healthcheck: {disable: false, test: [CMD, "true"]}
                networks:
                  default: {attachable: false, internal: "false", enable_ipv6: false}
                """);
        assertFalse(((Map<?, ?>) fixture.service("web").get("healthcheck")).containsKey("disable"));
        Map<?, ?> network = (Map<?, ?>) ((Map<?, ?>) fixture.load().canonical().get("networks")).get("default");
        assertFalse(network.containsKey("attachable"));
        assertFalse(network.containsKey("internal"));
        assertEquals(false, network.get("enable_ipv6")); // a pointer in compose-go: printed when set
    }

    @Test
    void aLetterAndAColonStartAWindowsDriveInAShortVolume() throws Exception {
        List<?> volumes = (List<?>) web("""
                services:
                  web:
                    image: nginx
                    volumes: ["v:/v", "c:/data:/x", "./x:/y:cached,unknown"]
                """).get("volumes");
        assertEquals(Map.of("type", "volume", "target", "v:/v", "volume", Map.of()), volumes.get(0));
        assertEquals("bind", ((Map<?, ?>) volumes.get(1)).get("type"));
        assertEquals("c:/data", ((Map<?, ?>) volumes.get(1)).get("source"));
        assertFalse(((Map<?, ?>) volumes.get(2)).containsKey("consistency")); // Compose reads and drops it
    }

    @Test
    void emptySectionsAndTooManyColonsInAVolumeAreRefused() {
        assertEquals(List.of(
                "compose.yaml:4:15: services.web.volumes[0]: invalid volume \"/a::/b\" (empty section between colons)",
                "compose.yaml:4:25: services.web.volumes[1]: invalid volume \"./x:/x:ro:z\" (too many colons)"),
                refused("""
                        services:
                          web:
                            image: nginx
                            volumes: ["/a::/b", "./x:/x:ro:z"]
                        """));
    }

    @Test
    void aShortPortProtocolIsLowerCasedALongOneKeptAsWritten() throws Exception {
        List<?> ports = (List<?>) web("""
                services:
                  web:
                    image: nginx
                    ports: ["53:53/UDP", {target: 80, protocol: UDP}]
                """).get("ports");
        assertEquals("udp", ((Map<?, ?>) ports.get(0)).get("protocol"));
        assertEquals("UDP", ((Map<?, ?>) ports.get(1)).get("protocol"));
    }

    @Test
    void buildSshKeysArePrintedAsAList() throws Exception {
        Map<?, ?> build = (Map<?, ?>) web("""
                services:
                  web:
                    build: {context: ., ssh: [default, "key=/p"]}
                """).get("build");
        assertEquals(List.of("default", "key: /p"), build.get("ssh"));
        assertEquals(Map.of("default", "", "key", "/p"), fixture.project().services().get("web").build().ssh());
    }

    @Test
    void anSshEntryWithoutAPathOtherThanDefaultIsRefused() {
        assertEquals(List.of("compose.yaml:3:31: services.web.build.ssh[0]: invalid ssh key \"other\" (write default or ID=PATH)"),
                refused("""
                        services:
                          web:
                            build: {context: ., ssh: [other]}
                        """));
    }

    @Test
    void namesOutsideTheSchemaPatternAndNumericAddressesAreRefused() {
        assertEquals(List.of(
                "compose.yaml:2:3: services.a b: invalid name \"a b\" (the Compose schema allows letters, digits, '.', '_' and '-')",
                "compose.yaml:6:15: services.web.networks.front.ipv4_address: must be a string, got 17 (quote it)"),
                refused("""
                        services:
                          "a b": {image: nginx}
                          web:
                            image: nginx
                            networks:
                              front: {ipv4_address: 17}
                        networks:
                          front:
                        """));
    }

    /** Compose's YAML (not its JSON) writes device throttles with lower-case keys and leaves out an empty exec hook. */
    @Test
    void yamlOutputUsesComposesYamlNamesAndLeavesOutEmptyStructs() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  web:
                    image: nginx
                    blkio_config: {device_read_bps: [{path: /dev/sda, rate: 1mb}]}
                    develop: {watch: [{action: rebuild, path: .}]}
                """);
        String yaml = ConfigWriter.render(fixture.load().canonical(), false, true);
        org.junit.jupiter.api.Assertions.assertTrue(yaml.contains("- path: /dev/sda\n"), yaml);
        org.junit.jupiter.api.Assertions.assertTrue(yaml.contains("rate: '1048576'"), yaml);
        assertFalse(yaml.contains("exec"), yaml);
        String json = ConfigWriter.render(fixture.load().canonical(), true, true);
        org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"Path\"") && json.contains("\"exec\""), json);
    }
}
