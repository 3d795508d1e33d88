package io.berth.engine.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.model.LoadOptions;
import io.berth.model.Project;
import io.berth.model.ProjectLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stack deploy} against a real Docker Engine in swarm mode (the test's own): replicas, a second
 * deploy that changes nothing, scaling and a rolling update by redeploy, a secret read inside at
 * /run/secrets, {@code stack rm} leaving nothing. dnsrr endpoints only: no IPVS on this kernel.
 */
@Tag("root")
class SwarmStackKernelTest {
    @TempDir
    Path directory;

    private Project project(String greeting, int replicas, String secret) throws Exception {
        Files.writeString(directory.resolve("token.txt"), secret);
        Files.writeString(directory.resolve("compose.yaml"), """
                services:
                  web:
                    image: %s
                    command: ["sh", "-c", "echo $$GREETING $$(cat /run/secrets/token); sleep 600"]
                    environment: {GREETING: %s}
                    secrets: [token]
                    depends_on: [db]
                    deploy: {replicas: %d, endpoint_mode: dnsrr, update_config: {parallelism: 2, order: start-first}}
                  db:
                    image: %s
                    command: ["sleep", "600"]
                    deploy: {endpoint_mode: dnsrr}
                secrets:
                  token: {file: ./token.txt}
                """.formatted(TestDockerd.IMAGE, greeting, replicas, TestDockerd.IMAGE));
        return ProjectLoader.load(LoadOptions.of(directory, Map.of()).withProjectName("demo"));
    }

    @Test
    void deploysConvergesUpdatesAndRemovesAStack() throws Exception {
        try (TestDockerd dockerd = TestDockerd.start()) {
            EngineClient engine = dockerd.engine();
            List<String> lines = new ArrayList<>();
            StackDeployer deployer = new StackDeployer(engine, lines::add);
            StackDeployer.Options options = new StackDeployer.Options(false, "never");

            List<String> warnings = deployer.deploy(project("hello", 2, "s3cret"), options);
            assertEquals(List.of("services.web.depends_on: ignored by a swarm (tasks start in any order on a swarm)"), warnings);
            assertTrue(lines.contains("Creating service demo_web") && lines.contains("Creating network demo_default"), lines.toString());
            await(() -> running(engine, "demo_web") == 2 && running(engine, "demo_db") == 1, "2 web and 1 db tasks");
            await(() -> logs(dockerd, "demo_web").contains("hello s3cret"), "the secret read inside at /run/secrets/token");

            lines.clear();
            deployer.deploy(project("hello", 2, "s3cret"), options);
            assertEquals(List.of("Service demo_db is up to date", "Service demo_web is up to date"), lines);

            lines.clear();
            deployer.deploy(project("bonjour", 3, "n3w"), options);
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("Updating service demo_web (")
                    && line.contains("ContainerSpec.Env") && line.contains("Mode.Replicated.Replicas")), lines.toString());
            assertTrue(lines.contains("Service demo_db is up to date"), lines.toString());
            await(() -> running(engine, "demo_web") == 3 && logs(dockerd, "demo_web").contains("bonjour n3w"),
                    "3 web tasks of the new spec");
            List<List<String>> services = new StackQueries(engine).services("demo");
            assertEquals(List.of("demo_db", "demo_web"), services.subList(1, 3).stream().map(row -> row.get(1)).toList());

            lines.clear();
            Files.writeString(directory.resolve("compose.yaml"), Files.readString(directory.resolve("compose.yaml"))
                    .replaceAll("(?s)  db:.*?deploy: \\{endpoint_mode: dnsrr\\}\n", "").replace("depends_on: [db]", ""));
            deployer.deploy(ProjectLoader.load(LoadOptions.of(directory, Map.of()).withProjectName("demo")),
                    new StackDeployer.Options(true, "never"));
            assertTrue(lines.contains("Removing service demo_db"), "--prune removes what the file no longer names: " + lines);

            assertTrue(new StackRemover(engine, lines::add).remove("demo"));
            await(() -> stackObjects(engine).isEmpty(), "nothing of the stack left");
            assertFalse(new StackRemover(engine, lines::add).remove("demo"));
        }
    }

    private static int running(EngineClient engine, String service) {
        try {
            int count = 0;
            for (JsonNode task : engine.get("/tasks?filters=" + java.net.URLEncoder.encode(
                    "{\"service\":[\"" + service + "\"],\"desired-state\":[\"running\"]}", java.nio.charset.StandardCharsets.UTF_8))) {
                if (task.path("Status").path("State").asText().equals("running")) {
                    count++;
                }
            }
            return count;
        } catch (SwarmException e) {
            return -1;
        }
    }

    private static String logs(TestDockerd dockerd, String service) {
        try {
            return dockerd.docker("service", "logs", "--raw", service);
        } catch (Exception e) {
            return "";
        }
    }

    private static List<String> stackObjects(EngineClient engine) {
        List<String> left = new ArrayList<>();
        try {
            for (String kind : List.of("services", "secrets", "configs", "networks")) {
                for (JsonNode object : engine.get("/" + kind + "?" + EngineClient.labelFilter(StackSpec.NAMESPACE + "=demo"))) {
                    left.add(kind + " " + object.path("ID").asText(object.path("Id").asText()));
                }
            }
        } catch (SwarmException e) {
            left.add(e.getMessage());
        }
        return left;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(300);
        }
    }
}
