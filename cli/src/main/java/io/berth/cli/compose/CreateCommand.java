package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.Plan;
import io.berth.engine.UpOptions;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code berth create}: converge like {@code up --no-start}. */
@Command(name = "create", description = "Creates containers for a service.")
public final class CreateCommand extends ComposeCommand {
    @Mixin
    EngineOptions engineOptions;

    @Mixin
    ConvergeOptions converge;

    @Override
    int run() throws Exception {
        converge.check();
        try (ComposeSession session = open(converge.services, true)) {
            ComposeEngine.checkSupport(session.requireProject(), converge.services,
                    warning -> System.err.println("warning: " + warning));
            DesiredProject desired = ComposeEngine.desired(session.requireProject(), ScaleOption.parse(converge.scale));
            ComposeEngine engine = engineOptions.engine(session);
            UpOptions options = new UpOptions(new TreeSet<>(converge.services), false, converge.policy(false), false,
                    false, converge.removeOrphans, true, null, null).withBuild(converge.buildOptions());
            Plan plan = engine.planUp(desired, options, !converge.dryRun);
            plan.warnings().forEach(warning -> System.err.println("warning: " + warning));
            if (converge.dryRun) {
                System.out.print(plan.render());
                return 0;
            }
            engine.execute(plan);
            return 0;
        }
    }
}
