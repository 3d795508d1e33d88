package io.berth.cli.compose;

import io.berth.engine.Lifecycle;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code berth start}: start existing containers, dependencies first. */
@Command(name = "start", description = "Start services.")
public final class StartCommand extends LifecycleCommand {
    @Override
    int apply(Lifecycle lifecycle, Set<String> selected) {
        lifecycle.start(selected);
        return 0;
    }
}
