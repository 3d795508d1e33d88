package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.ExitCodes;
import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.Plan;
import io.berth.engine.RecreatePolicy;
import io.berth.engine.UpOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth up}: converge the project, then (unless -d) follow its logs until it stops. */
@Command(name = "up", description = "Create and start containers.")
public final class UpCommand extends ComposeCommand {
    @Mixin
    EngineOptions engineOptions;

    @Option(names = {"-d", "--detach"}, description = "Detached mode: run containers in the background.")
    boolean detach;

    @Option(names = "--scale", paramLabel = "SERVICE=NUM", description = "Scale SERVICE to NUM instances.")
    List<String> scale = new ArrayList<>();

    @Option(names = "--no-deps", description = "Don't start linked services.")
    boolean noDeps;

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file.")
    boolean removeOrphans;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Shutdown timeout in seconds.")
    Integer timeout;

    @Option(names = "--abort-on-container-exit", description = "Stops all containers if any container was stopped.")
    boolean abortOnExit;

    @Option(names = "--exit-code-from", paramLabel = "SERVICE",
            description = "Return the exit code of the selected service container; implies --abort-on-container-exit.")
    String exitCodeFrom;

    @Option(names = "--no-start", description = "Don't start the services after creating them.")
    boolean noStart;

    @Option(names = "--dry-run", description = "Print the plan and do nothing.")
    boolean dryRun;

    @Option(names = {"-v", "--verbose"}, description = "Print the plan (with the fields that changed) before running it.")
    boolean verbose;

    @Option(names = "--force-recreate", description = "Recreate containers even if their configuration hasn't changed.")
    boolean forceRecreate;

    @Option(names = "--no-recreate", description = "If containers already exist, don't recreate them.")
    boolean noRecreate;

    @Option(names = "--always-recreate-deps", description = "Recreate dependent containers.")
    boolean alwaysRecreateDeps;

    @Option(names = {"-V", "--renew-anon-volumes"}, description = "Recreate anonymous volumes instead of reusing them.")
    boolean renewAnonVolumes;

    @Option(names = "--wait", description = "Wait for services to be running|healthy. Implies detached mode.")
    boolean waitReady;

    @Option(names = "--wait-timeout", paramLabel = "SECONDS", description = "Maximum duration to wait for the project to be running|healthy.")
    Integer waitTimeout;

    @Option(names = "--no-color", description = "Produce monochrome output.")
    boolean noColor;

    @Option(names = "--no-log-prefix", description = "Don't print prefix in logs.")
    boolean noLogPrefix;

    @Option(names = "--timestamps", description = "Show timestamps.")
    boolean timestamps;

    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    @Override
    int run() throws Exception {
        if (forceRecreate && noRecreate) {
            throw new ExitCodes.UsageException("--force-recreate and --no-recreate are incompatible");
        }
        if (detach && (abortOnExit || exitCodeFrom != null)) {
            throw new ExitCodes.UsageException("--abort-on-container-exit and --exit-code-from cannot be combined with -d");
        }
        try (ComposeSession session = open(services, true)) {
            DesiredProject desired = ComposeEngine.desired(session.requireProject(), ScaleOption.parse(scale));
            ComposeEngine engine = engineOptions.engine(session.runtime());
            UpOptions options = dryRun ? options() : engine.pullImages(desired, options());
            Plan plan = engine.planUp(desired, options);
            plan.warnings().forEach(warning -> System.err.println("warning: " + warning));
            if (dryRun || verbose) {
                System.out.print(dryRun ? plan.render() : plan.steps().isEmpty() ? "" : plan.render()
                        .lines().filter(line -> !line.startsWith("warning: ")).map(line -> line + "\n")
                        .reduce("", String::concat));
                if (dryRun) {
                    return 0;
                }
            }
            engine.execute(plan);
            Set<String> attached = services.isEmpty() ? desired.services().keySet() : new TreeSet<>(services);
            if (waitReady && !noStart) {
                engine.lifecycle(desired.name()).awaitReady(attached,
                        waitTimeout == null ? UpOptions.DEFAULT_WAIT : Duration.ofSeconds(waitTimeout));
            }
            if (detach || noStart || waitReady) {
                return 0;
            }
            return new AttachedSession(engine.lifecycle(desired.name()), session.runtime(), attached,
                    new LogPrinter(session.runtime(), System.out, Terminal.colours(noColor), !noLogPrefix, timestamps),
                    abortOnExit || exitCodeFrom != null, exitCodeFrom, stopTimeout()).run();
        }
    }

    private UpOptions options() {
        // as Compose (createOptions.recreateStrategy): -V recreates, else there is nothing to renew
        RecreatePolicy policy = noRecreate ? RecreatePolicy.NEVER
                : forceRecreate || renewAnonVolumes ? RecreatePolicy.FORCE : RecreatePolicy.DIVERGED;
        return new UpOptions(new TreeSet<>(services), noDeps, policy, alwaysRecreateDeps, renewAnonVolumes,
                removeOrphans, noStart, stopTimeout(), null);
    }

    private Duration stopTimeout() {
        return timeout == null ? null : Duration.ofSeconds(timeout);
    }
}
