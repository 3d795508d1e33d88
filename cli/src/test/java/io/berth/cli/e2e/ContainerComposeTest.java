package io.berth.cli.e2e;

import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ImageReference;
import io.berth.runtime.RuntimeOperationException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/** The Compose scenarios on the real runtime: containers in namespaces on a project network. */
class ContainerComposeTest extends ComposeScenarios {
    @BeforeAll
    static void startSupervisor() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            skipReason = "containers need root";
            return;
        }
        fixture = new E2eFixture(kernelLauncherIfPresent());
        var probe = fixture.runtime.createContainer(ContainerSpec.simple("berth-probe", ImageReference.parse("busybox:local"),
                List.of("true")));
        try {
            fixture.runtime.startContainer(probe.id());
        } catch (RuntimeOperationException missing) {
            if (!String.valueOf(missing.getMessage()).contains("no container launcher")) {
                throw missing;
            }
            skipReason = "this build has no container launcher yet: " + missing.getMessage();
        } finally {
            fixture.runtime.removeContainer(probe.id(), true);
        }
    }

    /**
     * The supervisor may not wire the kernel launcher by default yet; when the class is in the
     * build, name it (harmless once it is the default).
     */
    private static List<String> kernelLauncherIfPresent() {
        String launcher = "io.berth.runtime.container.KernelContainerLauncher";
        try {
            Class.forName(launcher);
            return List.of("-Dberth.supervisor.launcher=" + launcher);
        } catch (ClassNotFoundException absent) {
            return List.of();
        }
    }

    @Override
    String serviceExtras() {
        return "";
    }
}
