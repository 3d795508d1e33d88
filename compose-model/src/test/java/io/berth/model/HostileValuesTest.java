package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Values that would crash the loader, or that Compose reads but the container engine refuses at
 * create or start, are problems with their position, all at once (so that a refused up makes nothing).
 */
class HostileValuesTest {
    private final ComposeFixture fixture = new ComposeFixture();

    @AfterEach
    void cleanUp() throws Exception {
        fixture.close();
    }

    private List<String> problemsOf(String serviceLines) {
        fixture.file("compose.yaml", "services:\n  web:\n    image: x\n" + serviceLines);
        return fixture.problems();
    }

    private Service loads(String serviceLines) throws ComposeProblemsException {
        fixture.file("compose.yaml", "services:\n  web:\n    image: x\n" + serviceLines);
        return fixture.project().services().get("web");
    }

    @Test
    void infiniteAndNotANumberValuesAreProblemsNotCrashes() {
        assertEquals(List.of(
                "compose.yaml:4:5: services.web.cpus: number out of range (larger than a 64-bit float holds; write a smaller value)",
                "compose.yaml:5:5: services.web.memswap_limit: number out of range (larger than a 64-bit float holds; write a smaller value)",
                "compose.yaml:6:5: services.web.x-nan: NaN is not a number Compose accepts (write a number)"),
                problemsOf("    cpus: 1e309\n    memswap_limit: -1e400\n    x-nan: .nan\n").stream()
                        .filter(problem -> !problem.contains("invalid size")).toList());
    }

    @Test
    void aStringCastToAFloatOutOfRangeIsAProblem() {
        assertEquals(List.of("compose.yaml:4:5: services.web.cpus: must be a number, got \"1e309\""),
                problemsOf("    cpus: \"1e309\"\n"));
    }

    @Test
    void negativeScaleAndCpusAreProblems() {
        assertEquals(List.of(
                "compose.yaml:4:5: services.web.scale: must be a whole number of at least 0, got -1",
                "compose.yaml:5:5: services.web.cpus: must be at least 0 (0 means no limit), got -0.5",
                "compose.yaml:8:35: services.api.deploy.resources.limits.cpus: must be at least 0 (0 means no limit), got -2"),
                problemsOf("    scale: -1\n    cpus: -0.5\n  api:\n    image: x\n    deploy: {resources: {limits: {cpus: \"-2\"}}}\n"));
    }

    @Test
    void containerNamesTheEngineRefusesAreProblems() {
        assertEquals(List.of(
                "compose.yaml:4:5: services.web.container_name: invalid container name \"a/b\\u0001\""
                        + " (it starts with a letter or digit, then letters, digits, '.', '_' or '-')"),
                problemsOf("    container_name: \"a/b\\x01\"\n"));
    }

    @Test
    void hostAndDomainNamesPastTheKernelsLimitAreProblems() throws ComposeProblemsException {
        assertEquals(List.of(
                "compose.yaml:4:5: services.web.hostname: is 65 bytes long, at most 64 are allowed (the kernel's limit for host names)",
                "compose.yaml:5:5: services.web.domainname: is 70 bytes long, at most 64 are allowed (the kernel's limit for host names)"),
                problemsOf("    hostname: " + "h".repeat(65) + "\n    domainname: " + "d".repeat(70) + "\n"));
        assertEquals("h".repeat(64), loads("    hostname: " + "h".repeat(64) + "\n").hostname());
    }

    @Test
    void cpuListsThatAreNotCpuNumbersAndRangesAreProblems() throws ComposeProblemsException {
        for (String bad : List.of("abc", "3-1", "1,,2", "0-")) {
            assertEquals(List.of("compose.yaml:4:5: services.web.cpuset: invalid CPU list \"" + bad
                    + "\" (expected CPU numbers and ranges, e.g. 0-3,6)"), problemsOf("    cpuset: \"" + bad + "\"\n"), bad);
        }
        assertEquals("0-1,3", loads("    cpuset: \"0-1,3\"\n").cpuset());
    }

    @Test
    void negativeOrSubMillisecondHealthcheckDurationsAreProblems() {
        assertEquals(List.of(
                "compose.yaml:4:19: services.web.healthcheck.interval: must be 0 (the default) or at least 1ms, got -5s",
                "compose.yaml:4:34: services.web.healthcheck.timeout: must be 0 (the default) or at least 1ms, got 10µs"),
                problemsOf("    healthcheck: {interval: -5s, timeout: 10us, start_period: 0s}\n"));
    }

    @Test
    void mountsOverTheContainersRootOrProcAreProblems() {
        assertEquals(List.of(
                "compose.yaml:4:15: services.web.volumes[0]: the container's root / cannot be a mount target"
                        + " (mount into a directory, e.g. /data)",
                "compose.yaml:4:25: services.web.volumes[1]: /proc cannot be a mount target (the container's own /proc is mounted there)"),
                problemsOf("    volumes: [\"/tmp:/\", \"/tmp:/proc/\", \"/:/host\"]\n"));
    }

    @Test
    void tmpfsOverTheRootOrProcIsAProblem() {
        assertEquals(List.of(
                "compose.yaml:4:13: services.web.tmpfs[0]: the container's root / cannot be a mount target (mount into a directory, e.g. /data)",
                "compose.yaml:4:16: services.web.tmpfs[1]: /proc cannot be a mount target (the container's own /proc is mounted there)"),
                problemsOf("    tmpfs: [/, \"/proc/:size=1m\", /run]\n"));
    }

    @Test
    void aRelativeWorkingDirectoryIsAProblem() {
        assertEquals(List.of("compose.yaml:4:5: services.web.working_dir: \"app/src\" is not an absolute path"
                + " (a container's working directory starts with /)"), problemsOf("    working_dir: app/src\n"));
    }

    @Test
    void dnsServersMustBeAddresses() throws ComposeProblemsException {
        assertEquals(List.of("compose.yaml:4:21: services.web.dns[1]: \"dns.example\" is not an IP address"
                        + " (a DNS server is given by its address)",
                "compose.yaml:4:34: services.web.dns[2]: \"1.2.3.256\" is not an IP address (a DNS server is given by its address)",
                "compose.yaml:4:45: services.web.dns[3]: \"1:::2\" is not an IP address (a DNS server is given by its address)"),
                problemsOf("    dns: [10.0.0.1, dns.example, 1.2.3.256, \"1:::2\"]\n"));
        assertEquals(List.of("8.8.8.8", "2001:db8::1", "::1", "::ffff:10.0.0.1", "fe80::1%eth0"),
                loads("    dns: [8.8.8.8, \"2001:db8::1\", \"::1\", \"::ffff:10.0.0.1\", \"fe80::1%eth0\"]\n").dns());
    }

    @Test
    void memoryLimitsUnderDockersMinimumAreProblems() throws ComposeProblemsException {
        assertEquals(List.of(
                "compose.yaml:4:5: services.web.mem_limit: must be at least 6m (Docker's smallest memory limit), got 1024 bytes",
                "compose.yaml:7:35: services.api.deploy.resources.limits.memory: must be at least 6m (Docker's smallest memory limit), got 5242880 bytes"),
                problemsOf("    mem_limit: 1k\n  api:\n    image: x\n    deploy: {resources: {limits: {memory: 5m}}}\n"));
        assertEquals(6L * 1024 * 1024, loads("    mem_limit: 6m\n").memLimit());
    }

    @Test
    void aSoftUlimitOverItsHardOneIsAProblem() {
        assertEquals(List.of("compose.yaml:4:15: services.web.ulimits.nofile: soft limit 10 is greater than hard limit 5"
                + " (soft must be at most hard)"), problemsOf("    ulimits: {nofile: {soft: 10, hard: 5}, nproc: 100}\n"));
    }

    @Test
    void aFixedAddressOutsideTheNetworksSubnetIsAProblem() throws ComposeProblemsException {
        String networks = "networks:\n  back:\n    ipam:\n      config: [{subnet: 10.98.0.0/24}, {subnet: \"fd00::/64\"}]\n";
        fixture.file("compose.yaml", "services:\n  web:\n    image: x\n    networks:\n      back: {ipv4_address: 10.99.0.5}\n"
                + networks);
        assertEquals(List.of("compose.yaml:5:14: services.web.networks.back.ipv4_address: address 10.99.0.5"
                + " is not in the network's subnets (10.98.0.0/24)"), fixture.problems());
        fixture.file("compose.yaml", "services:\n  web:\n    image: x\n    networks:\n      back: {ipv4_address: 10.98.0.200}\n"
                + networks);
        assertEquals(1, fixture.project().services().get("web").networks().size());
    }

    @Test
    void aMappingWhereAStringOrListGoesIsReportedOnce() {
        assertEquals(List.of("compose.yaml:4:5: services.web.command: must be a string or a list of strings",
                "compose.yaml:5:5: services.web.entrypoint: must be a string or a list of strings",
                "compose.yaml:6:5: services.web.dns: must be a string or a list of strings"),
                problemsOf("    command: {a: b}\n    entrypoint: {a: b}\n    dns: {a: b}\n"));
    }

    @Test
    void aLabelFileThatIsNotAStringIsAProblemNotACrash() {
        assertEquals(List.of("compose.yaml:4:18: services.web.label_file[0]: must be a string (the path of a file of KEY=VALUE lines)"),
                problemsOf("    label_file: [~]\n"));
        assertEquals(List.of("compose.yaml:4:5: services.web.label_file: must be a string (the path of a file of KEY=VALUE lines)"),
                problemsOf("    label_file: {a: b}\n"));
    }

    @Test
    void aListOrNothingWhereTheSchemaWantsAMappingIsAProblem() {
        fixture.file("compose.yaml", """
                name: [1]
                include: {a: 1}
                services:
                  web:
                    image: x
                    deploy: {resources: {limits: [1]}}
                    depends_on: {db: ~, api: [1]}
                    networks: {n: [1], m: ~}
                    develop: {watch: [~]}
                    gpus: [~]
                    blkio_config: {weight_device: [1]}
                    environment: [~, A=1]
                    build: {context: ., args: [~]}
                  db: {image: x}
                  api: {image: x}
                networks: {n: {}, m: {}}
                """);
        assertEquals(List.of(
                "compose.yaml:1:1: name: must be a string",
                "compose.yaml:2:1: include: must be a list (of files, or of mappings with path:)",
                "compose.yaml:6:26: services.web.deploy.resources.limits: must be a mapping",
                "compose.yaml:7:18: services.web.depends_on.db: must be a mapping",
                "compose.yaml:7:25: services.web.depends_on.api: must be a mapping",
                "compose.yaml:8:16: services.web.networks.n: must be a mapping",
                "compose.yaml:9:23: services.web.develop.watch[0]: must be a mapping",
                "compose.yaml:10:12: services.web.gpus[0]: must be a mapping",
                "compose.yaml:11:36: services.web.blkio_config.weight_device[0]: must be a mapping",
                "compose.yaml:12:19: services.web.environment[0]: must be a string (KEY=VALUE), not empty",
                "compose.yaml:13:32: services.web.build.args[0]: must be a string (KEY=VALUE), not empty"),
                fixture.problems());
    }

    @Test
    void aResetDependencyIsStillAMergeDirective() throws ComposeProblemsException {
        fixture.file("compose.yaml", "services:\n  web: {image: x, depends_on: {db: {condition: service_started}}}\n  db: {image: x}\n");
        fixture.file("override.yaml", "services:\n  web:\n    depends_on:\n      db: !reset\n");
        assertEquals("x", fixture.project("compose.yaml", "override.yaml").services().get("web").image()); // no "must be a mapping"
    }

    @Test
    void aPortNumberThatIsAListAndAHookWithoutCommandAreProblems() {
        assertEquals(List.of(
                "compose.yaml:4:26: services.web.ports[0].published: must be a string or a number",
                "compose.yaml:5:18: services.web.post_start[0]: \"command\" is required (the command the hook runs in the container)",
                "compose.yaml:6:16: services.web.pre_stop[0]: \"command\" is required (the command the hook runs in the container)"),
                problemsOf("    ports: [{target: 80, published: [1]}]\n    post_start: [{command: ~}]\n    pre_stop: [{user: root}]\n"));
    }
}
