package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.runtime.ContainerAttachment;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.LogQuery;
import io.berth.runtime.TerminalAttachments;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth attach SERVICE}: this terminal to a running container's (its {@code tty}), or stdin
 * to its stdin ({@code stdin_open}) and its output from now on, until it exits; the exit code is
 * the container's. A container started by a CLI that was killed is reached again this way.
 */
@Command(name = "attach", description = "Attach local standard input, output, and error streams to a service's running container.")
public final class AttachCommand extends ComposeCommand {
    @Option(names = "--index", paramLabel = "N", defaultValue = "1", description = "Index of the container if the service has multiple replicas.")
    int index;

    @Option(names = "--no-stdin", description = "Do not attach STDIN.")
    boolean noStdin;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Override
    int run() throws Exception {
        try (ComposeSession session = open(List.of(service), false)) {
            ContainerRuntime runtime = session.runtime();
            ContainerInfo container = ServiceContainers.runningReplica(runtime, session.projectName(), service, index);
            Instant since = Instant.now();
            try (ContainerAttachment attached = Terminal.attach(runtime, container.id(), false)) {
                if (container.spec().tty()) {
                    if (TerminalAttachments.relayDetachable(attached, () -> false)) {
                        System.err.println("read escape sequence");
                        return 0;
                    }
                } else {
                    if (!noStdin && container.spec().stdinOpen()) {
                        TerminalAttachments.startInputPump(attached);
                    }
                    LogPrinter logs = new LogPrinter(runtime, System.out, false, false, false);
                    logs.follow(List.of(container), new LogQuery(true, null, since, null));
                    runtime.waitForExit(container.id(), Duration.ofDays(365));
                    logs.join();
                }
            }
            ContainerInfo exited = runtime.waitForExit(container.id(), Duration.ofDays(365)).orElse(container);
            return exited.exitCode() == null ? 0 : exited.exitCode();
        }
    }
}
