package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.engine.Lifecycle;
import io.berth.engine.ProgressListener;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerState;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code berth pause [SERVICE...]}: freezes the running containers of the services (all: every
 * service), as Docker Compose does; containers already paused or not running are left as they are.
 */
@Command(name = "pause", description = "Pause services.")
public final class PauseCommand extends ComposeCommand {
    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    @Override
    int run() throws Exception {
        return freeze(this, services, true);
    }

    /** Pause or unpause the project's containers of {@code services}, printing each as Compose does. */
    static int freeze(ComposeCommand command, List<String> services, boolean pause) throws Exception {
        try (ComposeSession session = command.open(services, false)) {
            List<ContainerInfo> containers = new Lifecycle(session.runtime(), ProgressListener.SILENT, 1,
                    session.projectName()).containers(new TreeSet<>(services), false);
            ContainerState from = pause ? ContainerState.RUNNING : ContainerState.PAUSED;
            for (ContainerInfo container : containers) {
                if (container.state() != from) {
                    continue;
                }
                if (pause) {
                    session.runtime().pauseContainer(container.id());
                } else {
                    session.runtime().unpauseContainer(container.id());
                }
                System.err.println(" Container " + container.name() + "  " + (pause ? "Paused" : "Unpaused"));
            }
            return 0;
        }
    }
}
