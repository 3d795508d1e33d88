package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.ExitCodes;
import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.Plan;
import io.berth.engine.RecreatePolicy;
import io.berth.engine.UpOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth scale web=3 worker=2}: as Compose's, {@code up -d --scale} of the named services only,
 * without recreating the containers that already run.
 */
@Command(name = "scale", description = "Scale services.")
public final class ScaleCommand extends ComposeCommand {
    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--no-deps", description = "Don't start linked services.")
    boolean noDeps;

    @Option(names = "--dry-run", description = "Print the plan and do nothing.")
    boolean dryRun;

    @Parameters(paramLabel = "SERVICE=REPLICAS", arity = "1..*")
    List<String> scales = new ArrayList<>();

    @Override
    int run() throws Exception {
        Map<String, Integer> scale = ScaleOption.parse(scales);
        try (ComposeSession probe = open(List.of(), true)) {
            io.berth.model.Project project = probe.requireProject();
            List<String> unknown = scale.keySet().stream().filter(name -> !project.services().containsKey(name)
                    && !project.disabledServices().containsKey(name)).toList();
            if (!unknown.isEmpty()) {
                throw new io.berth.engine.EngineException("no such service: " + String.join(", ", unknown));
            }
        }
        try (ComposeSession session = open(List.copyOf(scale.keySet()), true)) {
            DesiredProject desired = ComposeEngine.desired(session.requireProject(), scale);
            ComposeEngine engine = engineOptions.engine(session.runtime());
            UpOptions options = new UpOptions(scale.keySet(), noDeps, RecreatePolicy.NEVER, false, false, false, false,
                    null, null);
            Plan plan = engine.planUp(desired, options, !dryRun);
            plan.warnings().forEach(warning -> System.err.println("warning: " + warning));
            if (dryRun) {
                System.out.print(plan.render());
                return 0;
            }
            engine.execute(plan);
            return 0;
        }
    }
}
