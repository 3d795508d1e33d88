package io.berth.cli.image;

import io.berth.cli.Invocation;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.build.BuildCachePrune;
import io.berth.runtime.build.BuildException;
import io.berth.runtime.build.ImageBuilder;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code berth builder prune}: the build cache, as docker builder prune. */
@Command(name = "builder", description = "Manage the build cache.", subcommands = BuilderCommand.Prune.class)
public final class BuilderCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "prune", description = "Remove the build cache (cached steps, cache mounts, layers only it kept).")
    static final class Prune implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Option(names = {"-f", "--force"}, description = "Do not ask (Berth never asks; accepted for docker's sake).")
        boolean force;

        @CommandLine.Option(names = {"-a", "--all"}, description = "Everything (Berth's prune always removes all).")
        boolean all;

        @Override
        public Integer call() {
            try {
                BuildCachePrune pruned = ImageBuilder.open(RuntimeConfig.fromEnvironment(Invocation.env())).prune();
                spec.commandLine().getOut().printf("Removed %d cached steps and %d cache mounts%nTotal reclaimed space: %.1fMB%n",
                        pruned.entries(), pruned.cacheMounts(), pruned.bytesFreed() / 1e6);
                return 0;
            } catch (BuildException e) {
                spec.commandLine().getErr().println("Error: " + e.getMessage());
                return 1;
            }
        }
    }
}
