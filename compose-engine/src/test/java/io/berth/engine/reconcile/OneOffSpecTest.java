package io.berth.engine.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.engine.DesiredProject;
import io.berth.engine.ObservedState;
import io.berth.engine.OneOffOptions;
import io.berth.engine.TestProjects;
import io.berth.model.ServiceVolume;
import io.berth.model.ShortSyntax;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.MountSpec;
import io.berth.runtime.PortBinding;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What run's -v, -p, --service-ports and --use-aliases make of a one-off container's spec. */
class OneOffSpecTest {
    private final DesiredProject project = TestProjects.project(TestProjects.service("web").volume("data", "/data")
            .port(8080, 80).build());

    private ContainerSpec spec(List<ServiceVolume> volumes, List<String> publish, boolean servicePorts, boolean aliases) {
        return OneOff.spec(project, ObservedState.empty(TestProjects.PROJECT), "web", new OneOffOptions("one", null, null,
                List.of(), null, null, false, false, volumes,
                publish.stream().flatMap(port -> ShortSyntax.ports(port).stream()).toList(), servicePorts, aliases));
    }

    @Test
    void byDefaultNoPortsAndNoAliasesAsCompose() {
        ContainerSpec spec = spec(List.of(), List.of(), false, false);
        assertEquals(List.of(), spec.ports());
        assertEquals(List.of(), spec.networks().get(0).aliases());
    }

    @Test
    void publishAddsPortsAndServicePortsKeepsTheServices() {
        assertEquals(List.of(new PortBinding(80, "tcp", "127.0.0.1", 9000)),
                spec(List.of(), List.of("127.0.0.1:9000:80"), false, false).ports());
        assertEquals(List.of(new PortBinding(80, "tcp", "", 8080), new PortBinding(53, "udp", "", 0)),
                spec(List.of(), List.of("53/udp"), true, false).ports());
    }

    @Test
    void useAliasesKeepsTheServiceNameOnItsNetworks() {
        assertEquals(List.of("web"), spec(List.of(), List.of(), false, true).networks().get(0).aliases());
    }

    @Test
    void volumesAreAddedAndReplaceOneOnTheSameTarget() {
        Path projectDirectory = Path.of("/srv/demo");
        ContainerSpec spec = spec(List.of(ShortSyntax.volume("./src:/data:ro", projectDirectory),
                ShortSyntax.volume("data:/more", projectDirectory), ShortSyntax.volume("other:/other", projectDirectory)),
                List.of(), false, false);
        assertEquals(List.of("/srv/demo/src -> /data ro", "demo_data -> /more", "other -> /other"),
                spec.mounts().stream().map(OneOffSpecTest::shown).toList());
    }

    private static String shown(MountSpec mount) {
        return mount.source() + " -> " + mount.target() + (mount.readOnly() ? " ro" : "");
    }
}
