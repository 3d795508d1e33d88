package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.ExitCodes;
import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.DownOptions;
import io.berth.engine.Labels;
import io.berth.engine.Plan;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.ImageReference;
import io.berth.runtime.RuntimeOperationException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth down}: stop and remove the project's containers and networks (and volumes with -v). */
@Command(name = "down", description = "Stop and remove containers, networks (works from labels with -p and no file).")
public final class DownCommand extends ComposeCommand {
    @Mixin
    EngineOptions engineOptions;

    @Option(names = {"-v", "--volumes"}, description = "Remove named volumes declared in the volumes section and anonymous volumes.")
    boolean volumes;

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file.")
    boolean removeOrphans;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Shutdown timeout in seconds.")
    Integer timeout;

    @Option(names = "--dry-run", description = "Print the plan and do nothing.")
    boolean dryRun;

    @Option(names = "--rmi", paramLabel = "TYPE", description = "Remove images used by services: \"local\" only "
            + "images without a custom tag (no \"image\" field), \"all\" every one.")
    String rmi;

    @picocli.CommandLine.Parameters(paramLabel = "SERVICE", arity = "0..*",
            description = "Only these services' containers (networks and volumes stay).")
    List<String> services = new java.util.ArrayList<>();

    @Override
    int run() throws Exception {
        if (rmi != null && !rmi.equals("all") && !rmi.equals("local")) {
            throw new ExitCodes.UsageException("--rmi " + rmi + ": expected local or all");
        }
        try (ComposeSession session = open(List.of(), false)) {
            DesiredProject desired = session.project().map(project -> ComposeEngine.desired(project, Map.of())).orElse(null);
            ComposeEngine engine = engineOptions.engine(session.runtime());
            DownOptions options = new DownOptions(volumes, removeOrphans || desired == null,
                    timeout == null ? null : Duration.ofSeconds(timeout));
            Plan plan = engine.planDown(session.projectName(), desired, options);
            if (!services.isEmpty()) {
                if (desired != null) {
                    List<String> unknown = services.stream().filter(name -> !desired.services().containsKey(name)).toList();
                    if (!unknown.isEmpty()) {
                        throw new io.berth.engine.EngineException("no such service: " + String.join(", ", unknown));
                    }
                }
                plan = containersOf(plan, Set.copyOf(services));
            }
            plan.warnings().forEach(warning -> System.err.println("warning: " + warning));
            if (dryRun) {
                System.out.print(plan.render());
                return 0;
            }
            List<ImageReference> images = rmi == null ? List.of() : imagesToRemove(session, desired);
            engine.execute(plan);
            images.forEach(image -> removeImage(session.runtime(), image));
            return 0;
        }
    }

    /** down SERVICE...: only the steps that stop and remove those services' containers, renumbered. */
    static Plan containersOf(Plan plan, Set<String> names) {
        List<io.berth.engine.PlanStep> kept = plan.steps().stream().filter(step ->
                step.action() instanceof io.berth.engine.Action.StopContainer stop && names.contains(stop.service())
                || step.action() instanceof io.berth.engine.Action.RemoveContainer remove && names.contains(remove.service()))
                .toList();
        Map<Integer, Integer> renumbered = new java.util.HashMap<>();
        kept.forEach(step -> renumbered.put(step.id(), renumbered.size() + 1));
        List<io.berth.engine.PlanStep> steps = kept.stream().map(step -> new io.berth.engine.PlanStep(renumbered.get(step.id()),
                step.action(), new java.util.TreeSet<>(step.after().stream().filter(renumbered::containsKey)
                        .map(renumbered::get).toList()), step.cause())).toList();
        return new Plan(steps, plan.warnings());
    }

    /** Compose's rule: "all" the images of the services (or of the containers, without a file). */
    private List<ImageReference> imagesToRemove(ComposeSession session, DesiredProject desired) {
        Set<ImageReference> images = new LinkedHashSet<>();
        if (desired != null) {
            desired.services().forEach((name, service) -> {
                ImageReference built = ImageReference.parse(session.projectName() + "-" + name);
                if (rmi.equals("all") || service.image().equals(built)) {
                    images.add(service.image());
                }
            });
        } else if (rmi.equals("all")) {
            session.runtime().listContainers(Map.of(Labels.PROJECT, session.projectName()))
                    .forEach(container -> images.add(container.spec().image()));
        }
        return List.copyOf(images);
    }

    private static void removeImage(ContainerRuntime runtime, ImageReference image) {
        try {
            runtime.removeImage(image, false);
            System.err.println("Image " + image.familiar() + "  Removed");
        } catch (RuntimeOperationException e) {
            if (e.kind() != RuntimeOperationException.Kind.NOT_FOUND) {
                System.err.println("warning: image " + image.familiar() + " not removed: " + e.getMessage());
            }
        }
    }
}
