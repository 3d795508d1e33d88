package io.berth.engine.reconcile;

import io.berth.engine.Action;
import io.berth.engine.EngineException;
import io.berth.engine.ObservedState;
import io.berth.engine.Plan;
import io.berth.engine.PlanStep;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ImageInfo;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Before a plan runs: every container it creates has a command, from the file or from its image.
 * The runtime would refuse such a container at create time, after the plan had already made the
 * project's networks and volumes; checked here, a refused {@code up} or {@code run} makes nothing.
 * An image not present yet (a dry run), or without a config, is not judged.
 */
public final class CommandCheck {
    private CommandCheck() {
    }

    /** @throws EngineException naming every service whose containers would have no command */
    public static void requireCommands(Plan plan, ObservedState observed) {
        Map<String, String> missing = new TreeMap<>();
        for (PlanStep step : plan.steps()) {
            if (step.action() instanceof Action.CreateContainer create) {
                String problem = problem(create.service(), create.spec(), observed);
                if (problem != null) {
                    missing.putIfAbsent(create.service(), problem);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new EngineException(String.join("\n", missing.values()));
        }
    }

    /** As above, for one container spec (run's one-off), of the service named. */
    public static void requireCommand(String service, ContainerSpec spec, ObservedState observed) {
        String problem = problem(service, spec, observed);
        if (problem != null) {
            throw new EngineException(problem);
        }
    }

    private static String problem(String service, ContainerSpec spec, ObservedState observed) {
        ImageInfo image = spec.image() == null ? null : observed.images().get(spec.image().familiar());
        if (image == null) {
            return null;
        }
        ImageInfo.Config config = image.config();
        if (config == null) {
            return null; // an image whose config is unknown here: the runtime judges it
        }
        // as the runtime makes argv: the file's entrypoint drops the image's CMD
        List<String> entrypoint = spec.entrypoint() != null ? spec.entrypoint() : config.entrypoint();
        List<String> command = spec.command() != null || spec.entrypoint() != null ? spec.command()
                : config.cmd();
        if (nonEmpty(entrypoint) || nonEmpty(command)) {
            return null;
        }
        return "service " + service + ": no command specified (the image " + spec.image().familiar()
                + " has no ENTRYPOINT or CMD; set command: for the service)";
    }

    private static boolean nonEmpty(List<String> words) {
        return words != null && !words.isEmpty();
    }
}
