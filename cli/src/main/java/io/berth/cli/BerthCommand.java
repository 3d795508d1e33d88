package io.berth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root command. Subcommands are registered here, one line each, so that every command
 * is visible in one place.
 */
@Command(name = "berth", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Run multi-container applications from Compose files, with Berth's own runtime.",
        subcommands = {
            VersionCommand.class,
            io.berth.cli.image.ImageCommand.class,
            io.berth.cli.image.ImagesCommand.class,
            io.berth.cli.network.NetworkCommand.class,
            io.berth.cli.volume.VolumeCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class BerthCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static int run(String[] args) {
        return new CommandLine(new BerthCommand()).execute(args);
    }
}
