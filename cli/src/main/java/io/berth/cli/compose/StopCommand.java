package io.berth.cli.compose;

import io.berth.engine.Lifecycle;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth stop}: stop running containers, dependents first. */
@Command(name = "stop", description = "Stop services.")
public final class StopCommand extends LifecycleCommand {
    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Specify a shutdown timeout in seconds.")
    Integer timeout;

    @Override
    int apply(Lifecycle lifecycle, Set<String> selected) {
        lifecycle.stop(selected, seconds(timeout));
        return 0;
    }
}
