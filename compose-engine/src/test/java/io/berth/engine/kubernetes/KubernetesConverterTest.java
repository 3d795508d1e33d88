package io.berth.engine.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.model.LoadOptions;
import io.berth.model.ProjectLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conversion's rules, one Compose file each, read back strictly into the Kubernetes model. */
class KubernetesConverterTest {
    @TempDir
    Path directory;

    private Conversion convert(String yaml, KubernetesOptions options) throws Exception {
        Files.writeString(directory.resolve("compose.yaml"), yaml);
        Conversion conversion = KubernetesConverter.convert(
                ProjectLoader.load(LoadOptions.of(directory, Map.of("TOKEN", "s3cret")).withProjectName("demo")), options);
        for (KubernetesObject object : conversion.objects()) {
            assertEquals(List.of(), StrictKubernetesReader.unknownFields(object.body()), object.kind() + " " + object.name());
        }
        return conversion;
    }

    private Conversion convert(String yaml) throws Exception {
        return convert(yaml, KubernetesOptions.defaults());
    }

    private static KubernetesObject object(Conversion conversion, String kind, String name) {
        return conversion.objects().stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + conversion.objects().stream()
                        .map(o -> o.kind() + " " + o.name()).toList()));
    }

    private static String yaml(KubernetesObject object) {
        return io.berth.model.ConfigWriter.yaml(object.body());
    }

    @Test
    void aServiceWithoutPortsStillResolvesByNameThroughAHeadlessService() throws Exception {
        Conversion conversion = convert("services:\n  worker:\n    image: busybox\n");
        String service = yaml(object(conversion, "Service", "worker"));
        assertTrue(service.contains("clusterIP: None"), service);
        assertFalse(service.contains("ports:"), service);
    }

    @Test
    void publishedPortsGetAServiceOfTheAskedTypeAndNodePortsOnlyInTheirRange() throws Exception {
        String compose = "services:\n  web:\n    image: nginx\n    ports: [\"8080:80\", \"30080:81\"]\n";
        Conversion nodePort = convert(compose, new KubernetesOptions(KubernetesOptions.PublishAs.NODE_PORT, false, false,
                KubernetesOptions.DEFAULT_WAIT_IMAGE));
        String published = yaml(object(nodePort, "Service", "web-published"));
        assertTrue(published.contains("type: NodePort"), published);
        assertTrue(published.contains("nodePort: 30080"), published);
        assertTrue(nodePort.warnings().contains("services.web.ports: published port 8080 is outside the node-port range"
                + " 30000-32767: the cluster picks the node port"), nodePort.warnings().toString());
        assertTrue(yaml(object(convert(compose), "Service", "web-published")).contains("type: LoadBalancer"));
    }

    @Test
    void namesThatAreNotDns1123LabelsAreMadeValidAndSaid() throws Exception {
        String longName = "a_very_long_service_name_that_goes_on_and_on_past_the_sixty_three_character_limit";
        Conversion conversion = convert("services:\n  " + longName + ":\n    image: busybox\n    expose: [\"12345\"]\n");
        KubernetesObject deployment = conversion.objects().stream().filter(o -> o.kind().equals("Deployment"))
                .findFirst().orElseThrow();
        assertTrue(Names.isLabel(deployment.name()), deployment.name());
        assertTrue(conversion.warnings().stream().anyMatch(w -> w.startsWith("services." + longName + ".name:")));
    }

    @Test
    void twoServicesThatBecomeOneNameAreRefused() throws Exception {
        Files.writeString(directory.resolve("compose.yaml"), "services:\n  my_db:\n    image: a\n  my.db:\n    image: b\n");
        KubernetesConversionException refused = assertThrows(KubernetesConversionException.class, () ->
                KubernetesConverter.convert(ProjectLoader.load(LoadOptions.of(directory, Map.of()).withProjectName("demo")),
                        KubernetesOptions.defaults()));
        assertTrue(refused.getMessage().contains("becomes the Kubernetes name \"my-db\""), refused.getMessage());
    }

    @Test
    void secretsAndConfigsAreFilesAtComposesPaths() throws Exception {
        Files.writeString(directory.resolve("app.conf"), "level=debug\n");
        Conversion conversion = convert("""
                services:
                  app:
                    image: busybox
                    secrets: [token, {source: token, target: /etc/token, mode: 0400}]
                    configs: [{source: app, target: /etc/app.conf}, inline]
                secrets:
                  token: {environment: TOKEN}
                configs:
                  app: {file: ./app.conf}
                  inline: {content: hello}
                """);
        assertTrue(yaml(object(conversion, "Secret", "token")).contains("token: czNjcmV0"), "base64 of s3cret");
        assertTrue(yaml(object(conversion, "ConfigMap", "app")).contains("app: |\n    level=debug"));
        String pod = yaml(object(conversion, "Deployment", "app"));
        for (String path : List.of("/run/secrets/token", "/etc/token", "/etc/app.conf", "/inline")) {
            assertTrue(pod.contains("mountPath: " + path), path + " in\n" + pod);
        }
        assertTrue(pod.contains("mode: 256"), pod);
    }

    @Test
    void serviceHealthyBecomesAnInitContainerThatWaitsForTheReadyDependency() throws Exception {
        Conversion conversion = convert("""
                services:
                  db:
                    image: postgres
                    expose: ["5432"]
                    healthcheck: {test: ["CMD", "pg_isready"], interval: 5s, retries: 4}
                  app:
                    image: busybox
                    depends_on: {db: {condition: service_healthy}}
                """);
        String app = yaml(object(conversion, "Deployment", "app"));
        assertTrue(app.contains("until nc -z -w 2 db 5432"), app);
        String db = yaml(object(conversion, "Deployment", "db"));
        assertTrue(db.contains("readinessProbe:") && db.contains("- pg_isready") && db.contains("periodSeconds: 5")
                && db.contains("failureThreshold: 4"), db);
    }

    @Test
    void globalServicesAreDaemonSetsAndStatefulOnesCarryClaimTemplates() throws Exception {
        String compose = """
                services:
                  agent: {image: busybox, deploy: {mode: global}}
                  db: {image: postgres, volumes: ["data:/var/lib/postgresql/data"]}
                volumes:
                  data: {driver_opts: {size: 5Gi}}
                """;
        Conversion stateful = convert(compose, new KubernetesOptions(KubernetesOptions.PublishAs.LOAD_BALANCER, true,
                false, KubernetesOptions.DEFAULT_WAIT_IMAGE));
        object(stateful, "DaemonSet", "agent");
        String db = yaml(object(stateful, "StatefulSet", "db"));
        assertTrue(db.contains("volumeClaimTemplates:") && db.contains("storage: 5Gi"), db);
        assertTrue(stateful.objects().stream().noneMatch(o -> o.kind().equals("PersistentVolumeClaim")));
        assertTrue(yaml(object(stateful, "Service", "db")).contains("clusterIP: None"));
        Conversion plain = convert(compose);
        object(plain, "PersistentVolumeClaim", "data");
        assertTrue(yaml(object(plain, "Deployment", "db")).contains("type: Recreate"));
    }

    @Test
    void aVolumeSharedByTwoServicesIsClaimedReadWriteManyWithAWarning() throws Exception {
        Conversion conversion = convert("""
                services:
                  a: {image: busybox, volumes: ["shared:/data"]}
                  b: {image: busybox, volumes: ["shared:/data:ro"]}
                volumes:
                  shared: {}
                """);
        assertTrue(yaml(object(conversion, "PersistentVolumeClaim", "shared")).contains("- ReadWriteMany"));
        assertTrue(conversion.warnings().contains("volumes.shared: used by a, b: claimed ReadWriteMany, which the storage"
                + " class must support"), conversion.warnings().toString());
    }

    @Test
    void everyKeyWithoutAKubernetesMeaningIsAWarningNamingServiceAndKey() throws Exception {
        Conversion conversion = convert("""
                services:
                  app:
                    image: busybox
                    network_mode: host
                    container_name: fixed
                    ipc: host
                    ulimits: {nofile: 1024}
                    restart: on-failure
                    user: nobody
                    stop_signal: SIGUSR1
                """);
        for (String key : List.of("network_mode", "container_name", "ipc", "ulimits", "restart", "user", "stop_signal")) {
            assertTrue(conversion.warnings().stream().anyMatch(w -> w.startsWith("services.app." + key + ":")),
                    key + " in " + conversion.warnings());
        }
        assertFalse(yaml(object(conversion, "Deployment", "app")).contains("restartPolicy"));
    }

    @Test
    void resourcesUpdateConfigAndSecurityBecomeTheirKubernetesFields() throws Exception {
        String pod = yaml(object(convert("""
                services:
                  app:
                    image: busybox
                    user: "1000:1000"
                    cap_add: [CAP_NET_ADMIN]
                    read_only: true
                    extra_hosts: ["db.local:10.0.0.5"]
                    stop_grace_period: 20s
                    deploy:
                      replicas: 3
                      resources: {limits: {cpus: "0.5", memory: 256M}, reservations: {memory: 64M}}
                      update_config: {parallelism: 2, order: start-first}
                """), "Deployment", "app"));
        for (String expected : List.of("replicas: 3", "cpu: 500m", "memory: 256Mi", "memory: 64Mi", "maxSurge: 2",
                "maxUnavailable: 0", "runAsUser: 1000", "- NET_ADMIN", "readOnlyRootFilesystem: true", "ip: 10.0.0.5",
                "terminationGracePeriodSeconds: 20")) {
            assertTrue(pod.contains(expected), expected + " in\n" + pod);
        }
    }

    @Test
    void networksBecomeNetworkPoliciesWhenAskedFor() throws Exception {
        Conversion conversion = convert("""
                services:
                  web: {image: nginx, networks: [front], ports: ["80:80"]}
                  db: {image: postgres, networks: [back]}
                  api: {image: busybox, networks: [front, back]}
                networks: {front: {}, back: {}}
                """, new KubernetesOptions(KubernetesOptions.PublishAs.LOAD_BALANCER, false, true,
                KubernetesOptions.DEFAULT_WAIT_IMAGE));
        String back = yaml(object(conversion, "NetworkPolicy", "back-network"));
        assertTrue(back.contains("network.berth.io/back: 'true'") || back.contains("network.berth.io/back: \"true\""), back);
        object(conversion, "NetworkPolicy", "web-published");
        String api = yaml(object(conversion, "Deployment", "api"));
        assertTrue(api.contains("network.berth.io/front") && api.contains("network.berth.io/back"), api);
    }

    @Test
    void theStrictReaderReportsAFieldTheApiDoesNotKnow() throws Exception {
        Map<String, Object> body = Tree.map("apiVersion", "v1", "kind", "Service", "metadata", Tree.map("name", "x"),
                "spec", Tree.map("selectr", Map.of("a", "b")));
        assertEquals(List.of("Service.Spec: [selectr]"), StrictKubernetesReader.unknownFields(body));
    }
}
