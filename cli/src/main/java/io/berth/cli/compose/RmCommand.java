package io.berth.cli.compose;

import io.berth.engine.Lifecycle;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth rm}: remove stopped service containers ({@code -s}: stop them first). */
@Command(name = "rm", description = "Removes stopped service containers.")
public final class RmCommand extends LifecycleCommand {
    @Option(names = {"-f", "--force"}, description = "Don't ask to confirm removal.")
    boolean force;

    @Option(names = {"-s", "--stop"}, description = "Stop the containers, if required, before removing.")
    boolean stop;

    @Option(names = {"-v", "--volumes"}, description = "Remove any anonymous volumes attached to containers.")
    boolean volumes;

    @Override
    int apply(Lifecycle lifecycle, Set<String> selected) {
        var candidates = lifecycle.containers(selected, false).stream()
                .filter(container -> stop || !container.state().isRunning()).toList();
        if (candidates.isEmpty()) {
            System.out.println("No stopped containers");
            return 0;
        }
        if (!force && System.console() != null) {
            System.out.println("Going to remove " + String.join(", ", candidates.stream().map(c -> c.name()).toList()));
            String answer = System.console().readLine("? Are you sure? [y/N] ");
            if (answer == null || !answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                return 0;
            }
        }
        lifecycle.remove(selected, stop, null, volumes);
        return 0;
    }
}
