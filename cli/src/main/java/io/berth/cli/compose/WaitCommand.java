package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.engine.ProgressListener;
import io.berth.engine.Lifecycle;
import io.berth.runtime.ContainerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth wait}: block until the services' containers stop; print their exit codes. */
@Command(name = "wait", description = "Block until the first service container stops.")
public final class WaitCommand extends ComposeCommand {
    @Option(names = "--down-project", description = "Drops project when the first container stops.")
    boolean downProject;

    @Parameters(paramLabel = "SERVICE", arity = "1..*")
    List<String> services = new ArrayList<>();

    @Override
    int run() throws Exception {
        try (ComposeSession session = open(services, false)) {
            Lifecycle lifecycle = new Lifecycle(session.runtime(), ProgressListener.SILENT, 1, session.projectName());
            List<ContainerInfo> containers = lifecycle.containers(new TreeSet<>(services), false);
            int last = 0;
            for (ContainerInfo container : containers) {
                ContainerInfo exited = session.runtime().waitForExit(container.id(), Duration.ofDays(365)).orElse(container);
                last = exited.exitCode() == null ? 1 : exited.exitCode();
                System.out.println(container.name() + " exited with code " + last);
                if (downProject) {
                    lifecycle.remove(java.util.Set.of(), true, null);
                    break;
                }
            }
            return last;
        }
    }
}
