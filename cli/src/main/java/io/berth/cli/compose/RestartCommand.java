package io.berth.cli.compose;

import io.berth.engine.Lifecycle;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth restart}: stop and start each container, dependencies first. */
@Command(name = "restart", description = "Restart service containers.")
public final class RestartCommand extends LifecycleCommand {
    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Specify a shutdown timeout in seconds.")
    Integer timeout;

    @Override
    int apply(Lifecycle lifecycle, Set<String> selected) {
        lifecycle.restart(selected, seconds(timeout));
        return 0;
    }
}
