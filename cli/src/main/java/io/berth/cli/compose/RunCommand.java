package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.Trace;
import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.ObservedState;
import io.berth.engine.OneOffOptions;
import io.berth.engine.UpOptions;
import io.berth.engine.reconcile.OneOff;
import io.berth.engine.reconcile.UpReconciler;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.LogQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth run SERVICE [COMMAND...]}: a one-off container of a service, after its dependencies. */
@Command(name = "run", description = "Run a one-off command on a service.", modelTransformer = StopAtPositional.class)
public final class RunCommand extends ComposeCommand {
    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--rm", description = "Automatically remove the container when it exits.")
    boolean remove;

    @Option(names = {"-d", "--detach"}, description = "Run container in background and print container name.")
    boolean detach;

    @Option(names = "--name", paramLabel = "NAME", description = "Assign a name to the container.")
    String name;

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Override the entrypoint of the image.")
    String entrypoint;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VAL", description = "Set environment variables.")
    List<String> environment = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Run as specified username or uid.")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container.")
    String workdir;

    @Option(names = "--no-deps", description = "Don't start linked services.")
    boolean noDeps;

    @Option(names = {"-T", "--no-TTY"}, description = "Disable pseudo-TTY allocation.")
    boolean noTty;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*")
    List<String> command = new ArrayList<>();

    @Override
    int run() throws Exception {
        try (ComposeSession session = open(List.of(service), true)) {
            DesiredProject desired = ComposeEngine.desired(session.requireProject(), Map.of());
            ComposeEngine engine = engineOptions.engine(session.runtime());
            Set<String> dependencies = new TreeSet<>(desired.graph().withDependencies(Set.of(service)));
            dependencies.remove(service);
            if (!noDeps && !dependencies.isEmpty()) {
                engine.execute(engine.planUp(desired, UpOptions.defaults().withServices(dependencies)));
                Trace.mark("dependencies up");
            }
            ObservedState observed = engine.observe(desired.name(), desired);
            engine.execute(UpReconciler.planInfrastructure(desired, observed, service));
            // No attach in the runtime API yet: output is read from the log, so no TTY (as -T).
            boolean tty = false;
            ContainerSpec spec = OneOff.spec(desired, observed, service, new OneOffOptions(name,
                    command.isEmpty() ? null : command, entrypoint == null ? null : List.of(entrypoint.trim().split("\\s+")),
                    environment, user, workdir, tty, !detach));
            ContainerRuntime runtime = session.runtime();
            ContainerInfo container = runtime.createContainer(spec);
            Trace.mark("created");
            runtime.startContainer(container.id());
            Trace.mark("started");
            if (detach) {
                System.out.println(container.name());
                return 0;
            }
            LogPrinter logs = new LogPrinter(runtime, System.out, false, false, false);
            logs.follow(List.of(container), new LogQuery(true, null, null, null));
            ContainerInfo exited = runtime.waitForExit(container.id(), Duration.ofDays(365)).orElse(container);
            Trace.mark("exited");
            logs.join();
            Trace.mark("logs read");
            if (remove) {
                runtime.removeContainer(container.id(), true);
                Trace.mark("removed");
            }
            return exited.exitCode() == null ? 1 : exited.exitCode();
        }
    }
}
