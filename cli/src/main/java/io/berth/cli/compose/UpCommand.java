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

    @Option(names = "--attach", paramLabel = "SERVICE", description = "Restrict attaching to the specified services.")
    List<String> attach = new java.util.ArrayList<>();

    @Option(names = "--no-attach", paramLabel = "SERVICE", description = "Do not attach (stream logs) to the specified services.")
    List<String> noAttach = new java.util.ArrayList<>();

    @Option(names = "--pull", paramLabel = "POLICY", description = "Pull image before running: always, missing, never (default: each service's pull_policy).")
    String pull;

    @Option(names = {"-w", "--watch"}, description = "Watch source code and rebuild/refresh containers when files are updated.")
    boolean watch;

    @Mixin
    ConvergeOptions converge;

    @Override
    int run() throws Exception {
        java.time.Instant began = java.time.Instant.now();
        converge.check();
        if (pull != null && !List.of("always", "missing", "never").contains(pull)) {
            throw new ExitCodes.UsageException("--pull " + pull + ": expected always, missing or never");
        }
        if (watch) {
            WatchCommand.checkUpFlags(detach || waitReady, converge.noBuild);
        }
        if (detach && (abortOnExit || exitCodeFrom != null)) {
            throw new ExitCodes.UsageException("--abort-on-container-exit and --exit-code-from cannot be combined with -d");
        }
        try (ComposeSession session = open(converge.services, true)) {
            ComposeEngine.checkSupport(session.requireProject(), converge.services,
                    warning -> System.err.println("warning: " + warning));
            DesiredProject desired = withPullPolicy(ComposeEngine.desired(session.requireProject(), ScaleOption.parse(converge.scale)));
            List<String> unknown = java.util.stream.Stream.concat(attach.stream(), noAttach.stream())
                    .filter(name -> !desired.services().containsKey(name)).toList();
            if (!unknown.isEmpty()) {
                throw new io.berth.engine.EngineException("--attach/--no-attach: no such service: " + String.join(", ", unknown));
            }
            ComposeEngine engine = engineOptions.engine(session);
            WatchSession watchSession = watch && !converge.dryRun
                    ? WatchSession.open(session, engine, desired, converge.services, null) : null;
            Plan plan = engine.planUp(desired, options(), !converge.dryRun);
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
            Set<String> selected = converge.services.isEmpty() ? desired.services().keySet() : new TreeSet<>(converge.services);
            Set<String> attached = new TreeSet<>(attach.isEmpty() ? selected : attach);
            attached.removeAll(noAttach);
            if (waitReady && !noStart) {
                engine.lifecycle(desired.name()).awaitReady(selected,
                        waitTimeout == null ? UpOptions.DEFAULT_WAIT : Duration.ofSeconds(waitTimeout));
            }
            if (detach || noStart || waitReady) {
                return 0;
            }
            if (watchSession != null) {
                watchSession.startInBackground();
            }
            try {
                return new AttachedSession(engine.lifecycle(desired.name()), session.runtime(), attached,
                        new LogPrinter(session.runtime(), System.out, Terminal.colours(noColor), !noLogPrefix, timestamps),
                        abortOnExit || exitCodeFrom != null, exitCodeFrom, stopTimeout()).since(began)
                        .followingRecreated(watchSession != null).run();
            } finally {
                if (watchSession != null) {
                    watchSession.stop();
                }
            }
        }
    }

    /** --pull overrides every service's pull_policy, as Compose's does (a build policy stays: it builds). */
    private DesiredProject withPullPolicy(DesiredProject desired) {
        if (pull == null) {
            return desired;
        }
        java.util.SortedMap<String, io.berth.engine.DesiredService> services = new java.util.TreeMap<>();
        desired.services().forEach((name, service) -> services.put(name, service.pullPolicy().equals("build") ? service
                : new io.berth.engine.DesiredService(service.name(), service.template(), service.refs(), service.scale(),
                        service.containerName(), service.dependsOn(), service.configHash(), service.config(), pull)));
        return new DesiredProject(desired.name(), services, desired.knownServices(), desired.networks(), desired.volumes());
    }

    private UpOptions options() {
        return new UpOptions(new TreeSet<>(converge.services), noDeps, converge.policy(renewAnonVolumes),
                alwaysRecreateDeps, renewAnonVolumes, converge.removeOrphans, noStart, stopTimeout(), null)
                .withBuild(converge.buildOptions());
    }

    private Duration stopTimeout() {
        return timeout == null ? null : Duration.ofSeconds(timeout);
    }
}
