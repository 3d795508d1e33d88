package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.engine.ProgressListener;
import io.berth.engine.Lifecycle;
import io.berth.runtime.ContainerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth top}: the processes of each running container. */
@Command(name = "top", description = "Display the running processes.")
public final class TopCommand extends ComposeCommand {
    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    @Override
    int run() throws Exception {
        try (ComposeSession session = open(services, false)) {
            List<ContainerInfo> containers = new Lifecycle(session.runtime(), ProgressListener.SILENT, 1,
                    session.projectName()).containers(new TreeSet<>(services), false);
            boolean first = true;
            for (ContainerInfo container : containers) {
                if (!container.state().isRunning()) {
                    continue;
                }
                if (!first) {
                    System.out.println();
                }
                first = false;
                System.out.println(container.name());
                Table table = new Table("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");
                session.runtime().top(container.id()).forEach(process -> table.add(process.uid(),
                        String.valueOf(process.pid()), String.valueOf(process.ppid()), "0", process.startTime(),
                        process.tty(), process.time(), process.command()));
                table.print(System.out);
            }
            return 0;
        }
    }
}
