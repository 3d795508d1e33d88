package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.ExitCodes;
import io.berth.cli.Invocation;
import io.berth.engine.BuildOptions;
import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.Plan;
import io.berth.engine.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth build [SERVICE...]}: build the images of the services that have a build section. */
@Command(name = "build", description = "Build or rebuild services.")
public final class BuildCommand extends ComposeCommand {
    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--no-cache", description = "Do not use cache when building the image.")
    boolean noCache;

    @Option(names = "--pull", description = "Always attempt to pull a newer version of the image.")
    boolean pull;

    @Option(names = "--build-arg", paramLabel = "KEY=VAL",
            description = "Set build-time variables for services (KEY alone: its value from the environment).")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "Don't print anything to STDOUT.")
    boolean quiet;

    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    @Override
    int run() throws Exception {
        try (ComposeSession session = open(services, true)) {
            DesiredProject desired = ComposeEngine.desired(session.requireProject(), Map.of());
            ProgressListener listener = quiet ? ProgressListener.SILENT : engineOptions.listener();
            ComposeEngine engine = engineOptions.engine(session, listener);
            Plan plan = engine.planBuild(desired, new TreeSet<>(services), BuildOptions.always(noCache, pull, buildArgs()));
            plan.warnings().forEach(warning -> System.err.println("warning: " + warning));
            engine.execute(plan);
            return 0;
        }
    }

    /** K=V as given; a bare K takes the environment's value, and is left out when it has none (as Compose). */
    private Map<String, String> buildArgs() {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : buildArgs) {
            int equals = arg.indexOf('=');
            if (equals == 0) {
                throw new ExitCodes.UsageException("--build-arg " + arg + ": the name is missing (KEY=VALUE)");
            }
            if (equals > 0) {
                args.put(arg.substring(0, equals), arg.substring(equals + 1));
            } else if (Invocation.env(arg) != null) {
                args.put(arg, Invocation.env(arg));
            }
        }
        return args;
    }
}
