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
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth create}: converge like {@code up --no-start}. */
@Command(name = "create", description = "Creates containers for a service.")
public final class CreateCommand extends ComposeCommand {
    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--scale", paramLabel = "SERVICE=NUM", description = "Scale SERVICE to NUM instances.")
    List<String> scale = new ArrayList<>();

    @Option(names = "--force-recreate", description = "Recreate containers even if their configuration hasn't changed.")
    boolean forceRecreate;

    @Option(names = "--no-recreate", description = "If containers already exist, don't recreate them.")
    boolean noRecreate;

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file.")
    boolean removeOrphans;

    @Option(names = "--dry-run", description = "Print the plan and do nothing.")
    boolean dryRun;

    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    @Override
    int run() throws Exception {
        if (forceRecreate && noRecreate) {
            throw new ExitCodes.UsageException("--force-recreate and --no-recreate are incompatible");
        }
        try (ComposeSession session = open(services, true)) {
            DesiredProject desired = ComposeEngine.desired(session.requireProject(), ScaleOption.parse(scale));
            ComposeEngine engine = engineOptions.engine(session.runtime());
            RecreatePolicy policy = forceRecreate ? RecreatePolicy.FORCE : noRecreate ? RecreatePolicy.NEVER : RecreatePolicy.DIVERGED;
            UpOptions options = new UpOptions(new TreeSet<>(services), false, policy, false, false, removeOrphans, true,
                    null, null);
            Plan plan = engine.planUp(desired, dryRun ? options : engine.pullImages(desired, options));
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
