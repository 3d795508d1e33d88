package io.berth.cli.compose;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth unpause [SERVICE...]}: thaws the paused containers of the services (all: every service). */
@Command(name = "unpause", description = "Unpause services.")
public final class UnpauseCommand extends ComposeCommand {
    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    @Override
    int run() throws Exception {
        return PauseCommand.freeze(this, services, false);
    }
}
