package io.berth.cli.compose;

import io.berth.cli.ExitCodes;
import io.berth.engine.BuildOptions;
import io.berth.engine.RecreatePolicy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code up} and {@code create} share: which services, how many, and what to do with what exists. */
final class ConvergeOptions {
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

    @Option(names = "--build", description = "Build images before starting containers.")
    boolean build;

    @Option(names = "--no-build", description = "Don't build an image, even if it's missing.")
    boolean noBuild;

    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    void check() {
        if (forceRecreate && noRecreate) {
            throw new ExitCodes.UsageException("--force-recreate and --no-recreate are incompatible");
        }
        if (build && noBuild) {
            throw new ExitCodes.UsageException("--build and --no-build are incompatible");
        }
    }

    BuildOptions buildOptions() {
        return BuildOptions.forUp(build, noBuild);
    }

    /** As Compose (createOptions.recreateStrategy): {@code -V} recreates, else there is nothing to renew. */
    RecreatePolicy policy(boolean renewAnonVolumes) {
        return noRecreate ? RecreatePolicy.NEVER
                : forceRecreate || renewAnonVolumes ? RecreatePolicy.FORCE : RecreatePolicy.DIVERGED;
    }
}
