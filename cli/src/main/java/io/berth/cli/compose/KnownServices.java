package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.ExitCodes;
import java.util.List;

/** SERVICE arguments of commands that only read (stats, events): each must be a service of the file, when there is one. */
final class KnownServices {
    private KnownServices() {
    }

    static void require(ComposeSession session, List<String> services) {
        session.project().ifPresent(project -> {
            List<String> unknown = services.stream().filter(name -> !project.services().containsKey(name)
                    && !project.disabledServices().containsKey(name)).toList();
            if (!unknown.isEmpty()) {
                throw new io.berth.engine.EngineException("no such service: " + String.join(", ", unknown));
            }
        });
    }
}
