package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.engine.Labels;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth events}: the project's container events from now on, as the supervisor records them
 * (what any berth command, an exit, a restart policy or a healthcheck does), until interrupted.
 */
@Command(name = "events", description = "Receive real time events from containers.")
public final class EventsCommand extends ComposeCommand {
    @Option(names = "--json", description = "Output events as a stream of json objects.")
    boolean json;

    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    @Override
    int run() throws Exception {
        try (ComposeSession session = open(services, false)) {
            KnownServices.require(session, services);
            String project = session.projectName();
            ZoneId zone = ZoneId.systemDefault();
            session.runtime().events(event -> {
                if (project.equals(event.attributes().get(Labels.PROJECT))
                        && (services.isEmpty() || services.contains(EventLine.service(event)))) {
                    System.out.println(json ? EventLine.json(event, zone) : EventLine.text(event, zone));
                    System.out.flush();
                }
                return !System.out.checkError(); // a closed pipe (| head) ends it
            });
            return 0;
        }
    }
}
