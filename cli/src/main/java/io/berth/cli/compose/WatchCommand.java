package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.ExitCodes;
import io.berth.cli.Invocation;
import io.berth.engine.BuildOptions;
import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.ProgressListener;
import io.berth.engine.UpOptions;
import io.berth.runtime.ImageService;
import io.berth.runtime.RuntimeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth watch [SERVICE...]}: as Docker Compose v2, builds and starts the services (unless
 * --no-up), then acts on their develop.watch rules until Ctrl-C, which ends the watch and leaves
 * the containers running (docs/watch.md).
 */
@Command(name = "watch", description = "Watch build context for service and rebuild/refresh containers when files are updated.")
public final class WatchCommand extends ComposeCommand {
    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--no-up", description = "Do not build & start services before watching.")
    boolean noUp;

    @Option(names = "--prune", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Prune dangling images on rebuild (default: true; --no-prune keeps them).")
    boolean prune;

    @Option(names = "--quiet", description = "Hide build output.")
    boolean quiet;

    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    @Override
    int run() throws Exception {
        try (ComposeSession session = open(services, true)) {
            ComposeEngine.checkSupport(session.requireProject(), services, warning -> System.err.println("warning: " + warning));
            DesiredProject desired = ComposeEngine.desired(session.requireProject(), Map.of());
            ComposeEngine engine = engineOptions.engine(session, quiet ? ProgressListener.SILENT : engineOptions.listener());
            WatchSession watch = WatchSession.open(session, engine, desired, services, prune ? images() : null);
            if (!noUp) {
                // As Compose: services with both build: and develop: are built every time (pull_policy build).
                UpOptions options = UpOptions.defaults().withServices(new TreeSet<>(services))
                        .withBuild(BuildOptions.forUp(watch.buildsAny(), false));
                engine.execute(engine.planUp(desired, options, true));
            }
            return watch.runUntilInterrupted();
        }
    }

    private static ImageService images() {
        return ImageService.open(RuntimeConfig.fromEnvironment(Invocation.env()));
    }

    /** up's check of its flags with --watch, as Compose's. */
    static void checkUpFlags(boolean detach, boolean noBuild) {
        if (noBuild) {
            throw new ExitCodes.UsageException("--no-build and --watch are incompatible");
        }
        if (detach) {
            throw new ExitCodes.UsageException("--detach cannot be combined with --watch (the watch runs in the foreground)");
        }
    }
}
