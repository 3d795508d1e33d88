package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.ExitCodes;
import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.Plan;
import io.berth.engine.UpOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth up}: converge the project, then (unless -d) follow its logs until it stops. */
@Command(name = "up", description = "Create and start containers.")
public final class UpCommand extends ComposeCommand {
    @Mixin
    EngineOptions engineOptions;

    @Option(names = {"-d", "--detach"}, description = "Detached mode: run containers in the background.")
    boolean detach;

    @Option(names = "--no-deps", description = "Don't start linked services.")
    boolean noDeps;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Shutdown timeout in seconds.")
    Integer timeout;

    @Option(names = "--abort-on-container-exit", description = "Stops all containers if any container was stopped.")
    boolean abortOnExit;

    @Option(names = "--exit-code-from", paramLabel = "SERVICE",
            description = "Return the exit code of the selected service container; implies --abort-on-container-exit.")
    String exitCodeFrom;

    @Option(names = "--no-start", description = "Don't start the services after creating them.")
    boolean noStart;

    @Option(names = {"-v", "--verbose"}, description = "Print the plan (with the fields that changed) before running it.")
    boolean verbose;

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

    @Mixin
    ConvergeOptions converge;

    @Override
    int run() throws Exception {
        converge.check();
        if (detach && (abortOnExit || exitCodeFrom != null)) {
            throw new ExitCodes.UsageException("--abort-on-container-exit and --exit-code-from cannot be combined with -d");
        }
        try (ComposeSession session = open(converge.services, true)) {
            ComposeEngine.checkSupport(session.requireProject(), converge.services,
                    warning -> System.err.println("warning: " + warning));
            DesiredProject desired = ComposeEngine.desired(session.requireProject(), ScaleOption.parse(converge.scale));
            ComposeEngine engine = engineOptions.engine(session.runtime());
            UpOptions options = converge.dryRun ? options() : engine.pullImages(desired, options());
            Plan plan = engine.planUp(desired, options);
            plan.warnings().forEach(warning -> System.err.println("warning: " + warning));
            if (converge.dryRun || verbose) {
                System.out.print(converge.dryRun ? plan.render() : plan.steps().isEmpty() ? "" : plan.render()
                        .lines().filter(line -> !line.startsWith("warning: ")).map(line -> line + "\n")
                        .reduce("", String::concat));
                if (converge.dryRun) {
                    return 0;
                }
            }
            engine.execute(plan);
            Set<String> attached = converge.services.isEmpty() ? desired.services().keySet() : new TreeSet<>(converge.services);
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
        return new UpOptions(new TreeSet<>(converge.services), noDeps, converge.policy(renewAnonVolumes),
                alwaysRecreateDeps, renewAnonVolumes, converge.removeOrphans, noStart, stopTimeout(), null);
    }

    private Duration stopTimeout() {
        return timeout == null ? null : Duration.ofSeconds(timeout);
    }
}
