package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.DebugOption;
import io.berth.cli.ProjectOptions;
import io.berth.model.ComposeProblemsException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** What every Compose command shares: --debug, and opening the session with the root's project options. */
abstract class ComposeCommand implements Callable<Integer> {
    @ParentCommand
    Object root;

    @Mixin
    DebugOption debugOption;

    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    /** @param needFile false: with -p alone the command works from labels */
    ComposeSession open(List<String> services, boolean needFile) throws ComposeProblemsException {
        // Project options (-f, -p, ...) come before the subcommand, as in Docker Compose: after it,
        // -f means --follow (logs) or --force (rm).
        return ComposeSession.open(new ProjectOptions(), root, services, needFile);
    }

    /** Failures go to {@link io.berth.cli.ExitCodes}, the one place that prints them. */
    @Override
    public final Integer call() throws Exception {
        return run();
    }

    abstract int run() throws Exception;
}
