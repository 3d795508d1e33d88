package io.berth.engine.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.engine.DesiredProject;
import io.berth.engine.DesiredService;
import io.berth.engine.EngineException;
import io.berth.engine.Labels;
import io.berth.model.DependsOn;
import io.berth.model.PortConfig;
import io.berth.model.Project;
import io.berth.model.Service;
import io.berth.model.ServiceNetwork;
import io.berth.model.ServiceVolume;
import io.berth.model.VolumeConfig;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.MountSpec;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.PortBinding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ProjectTranslatorTest {

    static ModelRecords<Service> service(String name) {
        return ModelRecords.of(Service.class).set("name", name).set("image", "busybox:local");
    }

    static Project project(Map<String, Service> services, Map<String, VolumeConfig> volumes) {
        return ModelRecords.of(Project.class).set("name", "demo").set("workingDir", Path.of("/work/demo"))
                .set("composeFiles", List.of(Path.of("/work/demo/compose.yaml"))).set("services", new TreeMap<>(services))
                .set("volumes", volumes).build();
    }

    private final Service web = service("web")
            .set("environment", new LinkedHashMap<>(Map.of("FOO", "1")))
            .set("ports", List.of(new PortConfig(null, null, null, 80, "8080", "tcp", null)))
            .set("volumes", List.of(new ServiceVolume("volume", "data", "/data", false, null, null, null, null),
                    new ServiceVolume("bind", "/srv", "/srv", true, null, null, null, null)))
            .set("networks", Map.of("default", new ServiceNetwork(List.of("www"), null, null, List.of(), null, null, Map.of())))
            .set("links", List.of("db:database"))
            .set("dependsOn", Map.of("db", new DependsOn("service_healthy", false, true)))
            .set("restart", "on-failure:3")
            .set("stopGracePeriod", Duration.ofSeconds(3))
            .set("memLimit", 64L * 1024 * 1024)
            .build();
    private final Service db = service("db").set("replicas", 2).build();
    private final Project project = project(Map.of("web", web, "db", db),
            Map.of("data", new VolumeConfig("demo_data", null, Map.of(), false, Map.of(), Map.of())));

    @Test
    void templateCarriesComposeLabelsAndTheServiceSettings() {
        DesiredService desired = ProjectTranslator.translate(project, Map.of()).services().get("web");
        ContainerSpec spec = desired.template();
        assertEquals("demo", spec.labels().get(Labels.PROJECT));
        assertEquals("web", spec.labels().get(Labels.SERVICE));
        assertEquals(io.berth.model.ConfigHash.of(web), spec.labels().get(Labels.CONFIG_HASH));
        assertEquals("/work/demo", spec.labels().get(Labels.WORKING_DIR));
        assertEquals("/work/demo/compose.yaml", spec.labels().get(Labels.CONFIG_FILES));
        assertEquals("db:service_healthy:false", spec.labels().get(Labels.DEPENDS_ON));
        assertEquals(List.of("FOO=1"), spec.environment());
        assertEquals(List.of(new PortBinding(80, "tcp", "", 8080)), spec.ports());
        assertEquals(List.of(new MountSpec(MountSpec.Type.VOLUME, "demo_data", "/data", false, Map.of()),
                new MountSpec(MountSpec.Type.BIND, "/srv", "/srv", true, Map.of("create-host-path", "true"))), spec.mounts());
        assertEquals("demo_default", spec.networks().get(0).network());
        assertEquals(List.of("web", "www"), spec.networks().get(0).aliases());
        assertEquals(new ContainerSpec.RestartPolicy("on-failure", 3), spec.restartPolicy());
        assertEquals(64L * 1024 * 1024, spec.resources().memoryBytes());
        assertEquals(Duration.ofSeconds(3), spec.stopGracePeriod());
        assertEquals("1", desired.config().get("environment.FOO"));
    }

    @Test
    void defaultNetworkIsAddedAndVolumesAreNamedForTheProject() {
        DesiredProject desired = ProjectTranslator.translate(project, Map.of());
        assertEquals("demo_default", desired.networks().get("default").name());
        assertEquals("default", desired.networks().get("default").spec().labels().get(Labels.NETWORK));
        assertEquals("demo_data", desired.volumes().get("data").name());
        assertEquals("demo", desired.volumes().get("data").spec().labels().get(Labels.PROJECT));
    }

    @Test
    void scaleComesFromTheFileUnlessOverridden() {
        assertEquals(2, ProjectTranslator.translate(project, Map.of()).services().get("db").scale());
        assertEquals(5, ProjectTranslator.translate(project, Map.of("db", 5)).services().get("db").scale());
        EngineException error = assertThrows(EngineException.class,
                () -> ProjectTranslator.translate(project, Map.of("dbb", 5)));
        assertEquals("--scale dbb: no such service (defined: db, web)", error.getMessage());
    }

    @Test
    void linksAndServiceNamespacesBecomeDependencies() {
        Service sidecar = service("sidecar").set("networkMode", "service:web").set("ipc", "service:db")
                .set("volumesFrom", List.of("db:ro")).build();
        DesiredService desired = ProjectTranslator.translate(project(Map.of("web", web, "db", db, "sidecar", sidecar),
                project.volumes()), Map.of()).services().get("sidecar");
        assertEquals(java.util.Set.of("web", "db"), desired.dependencies());
        assertEquals(List.of(), desired.template().networks());
        assertEquals(java.util.Set.of("db"), ProjectTranslator.translate(project, Map.of()).services().get("web").dependencies());
    }

    @Test
    void volumesFromAContainerOutsideTheProjectIsAMountForTheRuntimeNotADependency() {
        Service reader = service("reader").set("volumesFrom", List.of("container:other:ro", "container:plain")).build();
        DesiredService desired = ProjectTranslator.translate(project(Map.of("reader", reader), project.volumes()),
                Map.of()).services().get("reader");
        assertEquals(java.util.Set.of(), desired.dependencies());
        assertEquals(List.of(io.berth.runtime.MountSpec.volumesFrom("other", "ro"),
                io.berth.runtime.MountSpec.volumesFrom("plain", null)), desired.template().mounts());
    }

    @Test
    void hashIgnoresScaleAndDependsOnButNotEnvironment() {
        Service scaled = service("db").set("replicas", 7).set("dependsOn", Map.of("x", new DependsOn("service_started", false, true))).build();
        Service edited = service("db").set("replicas", 2).set("environment", Map.of("A", "1")).build();
        assertEquals(io.berth.model.ConfigHash.of(db), io.berth.model.ConfigHash.of(scaled));
        assertNotEquals(io.berth.model.ConfigHash.of(db), io.berth.model.ConfigHash.of(edited));
        assertEquals(ServiceConfig.flatten(db), ServiceConfig.flatten(scaled));
    }

    @Test
    void healthcheckTravelsAsALabelForTheSupervisor() {
        Service checked = service("db").set("healthcheck", new io.berth.model.Healthcheck(
                List.of("CMD-SHELL", "test -f /ready"), Duration.ofSeconds(2), null, null, null, 5, false)).build();
        DesiredService desired = ProjectTranslator.translate(project(Map.of("db", checked), Map.of()), Map.of())
                .services().get("db");
        assertEquals("{\"test\":[\"CMD-SHELL\",\"test -f /ready\"],\"interval_ms\":2000,\"retries\":5}",
                desired.template().labels().get(Labels.HEALTHCHECK));
        assertEquals(null, ProjectTranslator.translate(project, Map.of()).services().get("web").template().labels()
                .get(Labels.HEALTHCHECK));
        Service disabled = service("db").set("healthcheck", new io.berth.model.Healthcheck(
                null, null, null, null, null, null, true)).build();
        assertEquals("{\"test\":[\"NONE\"]}", ProjectTranslator.translate(project(Map.of("db", disabled), Map.of()),
                Map.of()).services().get("db").template().labels().get(Labels.HEALTHCHECK));
    }

    @Test
    void aPublishedRangeKeepsBothEndsAndAnOmittedPortIsLeftToTheRuntime() {
        Service ranged = service("web").set("ports", List.of(
                new PortConfig(null, null, "127.0.0.1", 80, "8000-8010", "tcp", null),
                new PortConfig(null, null, null, 53, null, "udp", null))).build();
        assertEquals(List.of(new PortBinding(80, "tcp", "127.0.0.1", 8000, 8010), new PortBinding(53, "udp", "", 0)),
                SpecTemplate.ports(ranged));
    }

    @Test
    void networkModeStringsMapToRuntimeModes() {
        assertEquals(new NetworkMode.Host(), SpecTemplate.networkMode("host"));
        assertEquals(new NetworkMode.None(), SpecTemplate.networkMode("none"));
        assertEquals(new NetworkMode.Container("other"), SpecTemplate.networkMode("container:other"));
        assertEquals(new NetworkMode.Bridge(), SpecTemplate.networkMode(null));
    }
}
