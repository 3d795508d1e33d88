package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.DownOptions;
import io.berth.engine.Plan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    @Override
    int run() throws Exception {
        try (ComposeSession session = open(List.of(), false)) {
            DesiredProject desired = session.project().map(project -> ComposeEngine.desired(project, Map.of())).orElse(null);
            ComposeEngine engine = engineOptions.engine(session.runtime());
            DownOptions options = new DownOptions(volumes, removeOrphans || desired == null,
                    timeout == null ? null : Duration.ofSeconds(timeout));
            Plan plan = engine.planDown(session.projectName(), desired, options);
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
