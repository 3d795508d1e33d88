package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.engine.EngineException;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.PortBinding;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth port SERVICE PRIVATE_PORT}: the host address and port a container port is
 * published on, as the kernel has it (so a port chosen by Berth shows its real number), like
 * {@code docker compose port}.
 */
@Command(name = "port", description = "Print the public port for a port binding.")
public final class PortCommand extends ComposeCommand {
    @Option(names = "--protocol", paramLabel = "PROTO", defaultValue = "tcp", description = "tcp or udp.")
    String protocol;

    @Option(names = "--index", paramLabel = "N", defaultValue = "1", description = "Index of the container if the service has multiple replicas.")
    int index;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1", paramLabel = "PRIVATE_PORT")
    int privatePort;

    @Override
    int run() throws Exception {
        try (ComposeSession session = open(List.of(service), false)) {
            ContainerInfo container = ServiceContainers.replica(session.runtime(), session.projectName(), service, index);
            List<PortBinding> published = container.ports().stream()
                    .filter(port -> port.containerPort() == privatePort && port.protocol().equalsIgnoreCase(protocol))
                    .toList();
            if (published.isEmpty()) {
                throw new EngineException("service " + service + ": port " + privatePort + "/" + protocol
                        + " of container " + container.name() + " is not published"
                        + (container.state().isRunning() ? "" : " (the container is not running)"));
            }
            for (PortBinding port : published) {
                System.out.println((port.hostIp().isEmpty() ? "0.0.0.0" : port.hostIp()) + ":" + port.hostPort());
            }
            return 0;
        }
    }
}
