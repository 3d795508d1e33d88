package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Values of the wrong shape anywhere give problems, never another exception (no stack trace for users). */
class MalformedInputTest {
    private static final List<String> SERVICE_ATTRIBUTES = List.of("image", "build", "command", "entrypoint",
            "environment", "env_file", "ports", "expose", "volumes", "tmpfs", "networks", "network_mode", "depends_on",
            "links", "volumes_from", "labels", "healthcheck", "restart", "stop_grace_period", "read_only", "cap_add",
            "extra_hosts", "dns", "sysctls", "ulimits", "mem_limit", "cpus", "pids_limit", "shm_size", "scale",
            "deploy", "profiles", "init", "tty", "secrets", "configs", "logging", "extends", "devices", "container_name",
            "user", "working_dir", "privileged", "oom_score_adj", "pull_policy", "x-ext");
    private static final List<String> BAD_VALUES = List.of("5", "[1, [2]]", "{a: [1]}", "{a: {b: c}}", "[{a: b}]",
            "''", "[null]", "{target: [1]}", "[{target: x}]", "[{type: bind}]", "[5]", "true", "'${'");

    private final ComposeFixture fixture = new ComposeFixture();

    @AfterEach
    void cleanUp() throws Exception {
        fixture.close();
    }

    @TestFactory
    Stream<DynamicTest> wrongShapesOfServiceAttributes() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String attribute : SERVICE_ATTRIBUTES) {
            tests.add(DynamicTest.dynamicTest(attribute, () -> {
                for (String value : BAD_VALUES) {
                    loadsOrReports("services:\n  web:\n    image: x\n  db:\n    image: y\n    " + attribute + ": " + value + "\n");
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> wrongShapesOfTopLevelSections() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String section : List.of("services", "networks", "volumes", "secrets", "configs", "include", "name", "x-a")) {
            tests.add(DynamicTest.dynamicTest(section, () -> {
                for (String value : BAD_VALUES) {
                    loadsOrReports("services: {web: {image: x}}\n" + section + ": " + value + "\n");
                    loadsOrReports("services: {web: {image: x}}\n" + section + ": {a: " + value + "}\n");
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> wrongShapesInsideLongForms() {
        List<String> snippets = List.of("ports: [{target: 80, published: [1]}]", "ports: [{target: 80, host_ip: {a: b}}]",
                "volumes: [{type: volume, source: [x], target: /a}]", "volumes: [{type: bind, source: ./a, target: [1]}]",
                "volumes: [{type: tmpfs, target: /t, tmpfs: {size: lots}}]", "healthcheck: {test: 5, interval: [1]}",
                "healthcheck: {test: [CMD, [1]], retries: many}", "build: {context: [1], args: 5}", "build: {args: [null]}",
                "deploy: {replicas: x, resources: {limits: 5}}", "deploy: {resources: {limits: {memory: [1]}}}",
                "depends_on: {db: 5}", "depends_on: {db: {condition: [1]}}", "networks: {n: 5}", "networks: {n: {aliases: 5}}",
                "ulimits: {nofile: [1]}", "ulimits: {nofile: {soft: x}}", "logging: {driver: [1], options: 5}",
                "extends: {service: [1]}", "extends: {file: 5, service: web}", "env_file: [{path: [1]}]",
                "environment: [null, 5, {a: b}]", "labels: [null]", "command: [null, {a: b}]", "secrets: [{source: s, mode: x}]");
        List<DynamicTest> tests = new ArrayList<>();
        for (String snippet : snippets) {
            tests.add(DynamicTest.dynamicTest(snippet, () -> loadsOrReports("services:\n  web:\n    image: x\n    "
                    + snippet + "\nnetworks: {n: }\nsecrets: {s: {file: ./s}}\n")));
        }
        return tests.stream();
    }

    private void loadsOrReports(String yaml) {
        fixture.file("compose.yaml", yaml.replace("services: {web: {image: x}}\nservices:", "services:"));
        try {
            fixture.load();
        } catch (ComposeProblemsException e) {
            assertTrue(!e.problems().isEmpty());
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for:\n" + yaml, e);
        }
    }
}
