package io.berth.cli.e2e;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Compose scenarios on the real supervisor with its plain-process launcher: services are
 * host processes on the host network. Checks the CLI and the engine end to end without
 * namespaces; needs root for the supervisor's state root and JNA calls.
 */
class PlainProcessComposeTest extends ComposeScenarios {
    @BeforeAll
    static void startSupervisor() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            skipReason = "the supervisor's test set-up needs root";
            return;
        }
        fixture = new E2eFixture(List.of(
                "-Dberth.supervisor.launcher=" + PlainProcessLauncher.class.getName(),
                "-Dberth.supervisor.networks=" + HostNetworkOnly.class.getName()));
    }

    @Override
    String serviceExtras() {
        return "network_mode: host";
    }
}
