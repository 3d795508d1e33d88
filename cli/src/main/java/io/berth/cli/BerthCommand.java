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
            ConfigCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class BerthCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Project options given before the subcommand; a subcommand's own ones win. */
    @CommandLine.Mixin
    ProjectOptions project;

    @CommandLine.Mixin
    DebugOption debug;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static int run(String[] args) {
        ExitCodes exitCodes = new ExitCodes();
        return new CommandLine(new BerthCommand())
                .setExecutionExceptionHandler(exitCodes)
                .setExitCodeExceptionMapper(exitCodes)
                .execute(args);
    }
}
