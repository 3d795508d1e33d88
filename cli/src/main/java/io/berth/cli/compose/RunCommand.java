package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.ExitCodes;
import io.berth.cli.Trace;
import io.berth.engine.ComposeEngine;
import io.berth.engine.ProgressListener;
import io.berth.engine.LifecycleHooks;
import io.berth.engine.DesiredProject;
import io.berth.engine.OneOffOptions;
import io.berth.model.PortConfig;
import io.berth.model.ServiceVolume;
import io.berth.model.ShortSyntax;
import io.berth.runtime.ContainerAttachment;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.LogQuery;
import io.berth.runtime.TerminalAttachments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Option(names = {"-i", "--interactive"}, arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Keep STDIN open even if not attached (default true).")
    boolean interactive;

    @Option(names = "--build", description = "Build image before starting container.")
    boolean build;

    @Option(names = {"-v", "--volume"}, paramLabel = "VOLUME", description = "Bind mount a volume (short syntax, as in compose.yaml).")
    List<String> volumes = new ArrayList<>();

    @Option(names = {"-p", "--publish"}, paramLabel = "PORT", description = "Publish a container's port(s) to the host.")
    List<String> publish = new ArrayList<>();

    @Option(names = {"-P", "--service-ports"}, description = "Run command with all service's ports enabled and mapped to the host.")
    boolean servicePorts;

    @Option(names = "--use-aliases", description = "Use the service's network aliases in the network(s) the container connects to.")
    boolean useAliases;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*")
    List<String> command = new ArrayList<>();

    @Override
    int run() throws Exception {
        try (ComposeSession session = open(List.of(service), true)) {
            ComposeEngine.checkSupport(session.requireProject(), List.of(service),
                    warning -> System.err.println("warning: " + warning));
            DesiredProject desired = ComposeEngine.desired(session.requireProject(), Map.of());
            ComposeEngine engine = engineOptions.engine(session);
            // As Docker Compose: a TTY when stdin is a terminal (unless -T), stdin attached unless -d.
            boolean tty = !noTty && Terminal.stdinIsTerminal();
            ContainerInfo container = engine.createOneOff(desired, service, new OneOffOptions(name,
                    command.isEmpty() ? null : command, entrypoint == null ? null : List.of(entrypoint.trim().split("\\s+")),
                    environment, user, workdir, tty, interactive && !detach, volumes(session), ports(), servicePorts,
                    useAliases), !noDeps, build);
            ContainerRuntime runtime = session.runtime();
            Trace.mark("created");
            if (detach) {
                startOrRemove(runtime, container);
                LifecycleHooks.postStart(runtime, ProgressListener.SILENT, container);
                System.out.println(container.name());
                return 0;
            }
            hooksOnceStarted(runtime, container);
            ContainerInfo exited;
            try {
                exited = tty ? runWithTerminal(runtime, container) : runWithLogs(runtime, container, interactive);
            } catch (RuntimeException failed) {
                removeAfterFailedStart(runtime, container, failed);
                throw ExitCodes.forCommand(failed); // 127 or 126 when the command could not run, as docker run
            }
            if (exited == null) {
                return 0; // detached: --rm cannot apply (the CLI is not there at the exit)
            }
            if (remove) {
                // as docker run --rm (Compose sets AutoRemove): its anonymous volumes go with it
                runtime.removeContainer(container.id(), true, true);
            }
            return exited.exitCode() == null ? 1 : exited.exitCode();
        }
    }

    private void startOrRemove(ContainerRuntime runtime, ContainerInfo container) {
        try {
            runtime.startContainer(container.id());
        } catch (RuntimeException failed) {
            removeAfterFailedStart(runtime, container, failed);
            throw ExitCodes.forCommand(failed);
        }
    }

    /**
     * With --rm, a one-off whose start failed (no such executable, a bad mount) is removed, as Docker's
     * AutoRemove does; it was left behind in state Created.
     */
    private void removeAfterFailedStart(ContainerRuntime runtime, ContainerInfo container, RuntimeException failed) {
        if (!remove) {
            return;
        }
        try {
            runtime.removeContainer(container.id(), true, true);
        } catch (RuntimeException alsoFailed) {
            failed.addSuppressed(alsoFailed);
        }
    }

    /** {@code -v} entries, read as a compose.yaml's short syntax (relative paths: the project directory's). */
    private List<ServiceVolume> volumes(ComposeSession session) {
        List<ServiceVolume> parsed = new ArrayList<>();
        for (String volume : volumes) {
            try {
                parsed.add(ShortSyntax.volume(volume, session.requireProject().workingDir()));
            } catch (IllegalArgumentException e) {
                throw new ExitCodes.UsageException("-v " + volume + ": " + e.getMessage());
            }
        }
        return parsed;
    }

    private List<PortConfig> ports() {
        List<PortConfig> parsed = new ArrayList<>();
        for (String port : publish) {
            try {
                parsed.addAll(ShortSyntax.ports(port));
            } catch (IllegalArgumentException e) {
                throw new ExitCodes.UsageException("-p " + port + ": " + e.getMessage());
            }
        }
        return parsed;
    }

    /**
     * post_start hooks of an attached one-off, as Docker Compose runs them: once the attachment
     * has started it, beside the session; a failure is reported, the container runs on.
     */
    private static void hooksOnceStarted(ContainerRuntime runtime, ContainerInfo container) {
        if (container.spec() == null || container.spec().options().hooks().postStart().isEmpty()) {
            return;
        }
        Thread hooks = new Thread(() -> {
            try {
                for (int i = 0; i < 600; i++) {
                    var now = runtime.inspectContainer(container.id());
                    if (now.isPresent() && now.get().state().isRunning()) {
                        LifecycleHooks.postStart(runtime, ProgressListener.SILENT, now.get());
                        return;
                    }
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException failed) {
                System.err.println("berth: " + failed.getMessage());
            }
        }, "berth-post-start");
        hooks.setDaemon(true);
        hooks.start();
    }

    /**
     * The container's terminal relayed to this one until it ends (the container exited); null when
     * detached with Ctrl-P Ctrl-Q (the container runs on).
     */
    private static ContainerInfo runWithTerminal(ContainerRuntime runtime, ContainerInfo container) {
        try (ContainerAttachment attached = Terminal.attach(runtime, container.id(), true)) {
            if (TerminalAttachments.relayDetachable(attached, () -> false)) {
                System.err.println("read escape sequence");
                return null;
            }
        }
        return runtime.waitForExit(container.id(), Duration.ofDays(365)).orElse(container);
    }

    /** stdin passed to the container (to its end of file) unless not interactive, its output read from the log. */
    private static ContainerInfo runWithLogs(ContainerRuntime runtime, ContainerInfo container, boolean interactive)
            throws InterruptedException {
        try (ContainerAttachment attached = runtime.attach(container.id(), true, 0, 0)) {
            if (interactive) {
                Terminal.pumpInput(attached);
            }
            LogPrinter logs = new LogPrinter(runtime, System.out, false, false, false);
            logs.follow(List.of(container), new LogQuery(true, null, null, null));
            ContainerInfo exited = runtime.waitForExit(container.id(), Duration.ofDays(365)).orElse(container);
            Trace.mark("exited");
            logs.join();
            return exited;
        }
    }
}
