package io.berth.engine.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.model.LoadOptions;
import io.berth.model.Project;
import io.berth.model.ProjectLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapping of a Compose file to Swarm specs, without an Engine. */
class StackSpecsTest {
    @TempDir
    Path directory;

    private StackSpec spec(String yaml) throws Exception {
        Files.writeString(directory.resolve("compose.yaml"), yaml);
        Files.writeString(directory.resolve("key.txt"), "secret-key");
        Project project = ProjectLoader.load(LoadOptions.of(directory, Map.of("TOKEN", yaml.contains("token: {environment: TOKEN} # one") ? "one" : "two"))
                .withProjectName("shop"));
        return StackSpecs.build(project, StackSpecs.fileObjects(project, true), StackSpecs.fileObjects(project, false),
                (name, secret) -> (secret ? "secret-id-" : "config-id-") + name);
    }

    @Test
    void mapsDeployPortsNetworksAndSecretsToTheEngineSpec() throws Exception {
        StackSpec spec = spec("""
                services:
                  web:
                    image: nginx
                    ports: ["8080:80", {target: 9000, published: 9000, mode: host}]
                    networks: {front: {aliases: [www]}}
                    secrets: [{source: key, target: tls.key, mode: 0400}]
                    restart: on-failure:3
                    deploy:
                      mode: global
                      resources: {limits: {cpus: "0.5", memory: 64M}}
                      placement: {constraints: ["node.role==worker"], preferences: [{spread: node.labels.zone}]}
                      update_config: {parallelism: 2, delay: 10s, order: start-first}
                      endpoint_mode: dnsrr
                networks:
                  front: {driver_opts: {encrypted: "true"}}
                secrets:
                  key: {file: ./key.txt}
                """);
        String json = new ObjectMapper().writeValueAsString(spec.services().get("shop_web"));
        for (String expected : new String[] {"\"Name\":\"shop_web\"", "\"com.docker.stack.namespace\":\"shop\"",
                "\"Global\":{}", "\"NanoCPUs\":500000000", "\"MemoryBytes\":67108864",
                "\"Constraints\":[\"node.role==worker\"]", "\"SpreadDescriptor\":\"node.labels.zone\"",
                "\"Condition\":\"on-failure\",\"MaxAttempts\":3", "\"Delay\":10000000000", "\"Order\":\"start-first\"",
                "\"Mode\":\"dnsrr\"", "\"PublishedPort\":8080,\"PublishMode\":\"ingress\"",
                "\"TargetPort\":9000,\"PublishedPort\":9000,\"PublishMode\":\"host\"",
                "\"Target\":\"shop_front\",\"Aliases\":[\"web\",\"www\"]",
                "\"File\":{\"Name\":\"tls.key\",\"UID\":\"0\",\"GID\":\"0\",\"Mode\":256}"}) {
            assertTrue(json.contains(expected), expected + " in " + json);
        }
        assertEquals(Map.of("encrypted", "true"), spec.networks().get("shop_front").get("Options"));
        assertEquals("overlay", spec.networks().get("shop_front").get("Driver"));
        String secretName = spec.secrets().keySet().iterator().next();
        assertTrue(secretName.matches("shop_key_[0-9a-f]{8}"), secretName);
        assertTrue(json.contains("\"SecretID\":\"secret-id-" + secretName + "\""), json);
    }

    @Test
    void aChangedSecretGetsANewNameAndKeysWithoutSwarmMeaningAreWarnings() throws Exception {
        String compose = """
                services:
                  app: {image: busybox, container_name: fixed, depends_on: [db], secrets: [token], privileged: true}
                  db: {image: busybox}
                secrets:
                  token: {environment: TOKEN} # %s
                """;
        StackSpec first = spec(compose.formatted("one"));
        StackSpec second = spec(compose.formatted("two"));
        assertNotEquals(first.secrets().keySet(), second.secrets().keySet());
        assertEquals(java.util.List.of(
                "services.app.container_name: ignored by a swarm (tasks are named by the swarm)",
                "services.app.depends_on: ignored by a swarm (tasks start in any order on a swarm)",
                "services.app.privileged: ignored by a swarm (not supported on a swarm)"), first.warnings());
        assertTrue(first.networks().containsKey("shop_default"));
    }
}
