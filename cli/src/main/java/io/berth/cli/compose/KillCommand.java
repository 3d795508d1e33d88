package io.berth.cli.compose;

import io.berth.engine.Lifecycle;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth kill}: send a signal (SIGKILL by default) to running containers. */
@Command(name = "kill", description = "Force stop service containers.")
public final class KillCommand extends LifecycleCommand {
    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", defaultValue = "SIGKILL",
            description = "SIGNAL to send to the container.")
    String signal;

    @Override
    int apply(Lifecycle lifecycle, Set<String> selected) {
        lifecycle.kill(selected, signal.startsWith("SIG") || signal.matches("\\d+") ? signal : "SIG" + signal);
        return 0;
    }
}
