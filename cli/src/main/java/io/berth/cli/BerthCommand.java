package io.berth.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root command. Subcommands are registered here, one line each ({@link #SUBCOMMANDS}), so that
 * every command is visible in one place. They are added to picocli at run time, and only the one
 * the arguments name when they name one: building the whole tree (reflection over every option of
 * every command) cost more than half of a short command's start-up.
 */
@Command(name = "berth", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Run multi-container applications from Compose files, with Berth's own runtime.")
public final class BerthCommand implements Runnable {
    static final List<Class<?>> SUBCOMMANDS = List.of(
            // Compose commands, as Docker Compose v2 names them.
            io.berth.cli.compose.UpCommand.class,
            io.berth.cli.compose.DownCommand.class,
            io.berth.cli.compose.PsCommand.class,
            io.berth.cli.compose.LogsCommand.class,
            io.berth.cli.compose.ExecCommand.class,
            io.berth.cli.compose.RunCommand.class,
            io.berth.cli.compose.AttachCommand.class,
            io.berth.cli.compose.CreateCommand.class,
            io.berth.cli.compose.BuildCommand.class,
            io.berth.cli.compose.StartCommand.class,
            io.berth.cli.compose.StopCommand.class,
            io.berth.cli.compose.RestartCommand.class,
            io.berth.cli.compose.KillCommand.class,
            io.berth.cli.compose.RmCommand.class,
            io.berth.cli.compose.TopCommand.class,
            io.berth.cli.compose.StatsCommand.class,
            io.berth.cli.compose.EventsCommand.class,
            io.berth.cli.compose.CpCommand.class,
            io.berth.cli.compose.PauseCommand.class,
            io.berth.cli.compose.UnpauseCommand.class,
            io.berth.cli.compose.PortCommand.class,
            // "berth images" is Compose's (the project's images); "berth image ls" lists the store.
            io.berth.cli.compose.ImagesCommand.class,
            io.berth.cli.compose.LsCommand.class,
            io.berth.cli.compose.WaitCommand.class,
            io.berth.cli.compose.ScaleCommand.class,
            io.berth.cli.compose.VolumesCommand.class,
            io.berth.cli.compose.WatchCommand.class,
            io.berth.cli.compose.PushCommand.class,
            io.berth.cli.compose.PullCommand.class,
            ConfigCommand.class,
            // Host objects, like the docker commands of the same names.
            io.berth.cli.image.ImageCommand.class,
            io.berth.cli.image.BuilderCommand.class,
            io.berth.cli.network.NetworkCommand.class,
            io.berth.cli.volume.VolumeCommand.class,
            // A Docker swarm, through the Engine API (DOCKER_HOST).
            io.berth.cli.stack.StackCommand.class,
            io.berth.cli.image.LoginCommand.class,
            io.berth.cli.image.LogoutCommand.class,
            VersionCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class);

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

    /** Runs a command line; its exit code. The CLI server calls it on the request's thread. */
    public static int run(String[] args) {
        ExitCodes exitCodes = new ExitCodes();
        CommandLine root = new CommandLine(new BerthCommand());
        Trace.mark("root command built");
        Subcommands.register(root, SUBCOMMANDS, args);
        Trace.mark("subcommands registered");
        String named = Subcommands.subcommandName(root, args);
        if (named != null && !root.getSubcommands().containsKey(named)) {
            // picocli would suggest any name that shares letters ("build": did you mean kill?)
            String close = Subcommands.closeCommand(named, root.getSubcommands().keySet());
            root.getErr().println("berth: unknown command \"" + named + "\"" + (close == null ? "" : " (did you mean \"" + close + "\"?)")
                    + "; see 'berth --help'");
            root.getErr().flush();
            return ExitCodes.USAGE;
        }
        if (Invocation.current() != null) {
            root.setColorScheme(CommandLine.Help.defaultColorScheme(servedAnsi()));
        }
        return root.setExecutionExceptionHandler(exitCodes)
                .setExitCodeExceptionMapper(exitCodes)
                .execute(args);
    }

    /**
     * picocli's automatic choice looks at the server's own console; for a served command, what it
     * would decide in the caller's: colours on a terminal unless NO_COLOR or CLICOLOR=0, or forced.
     */
    private static CommandLine.Help.Ansi servedAnsi() {
        String force = Invocation.env("CLICOLOR_FORCE");
        if (force != null && !force.equals("0")) {
            return CommandLine.Help.Ansi.ON;
        }
        boolean off = Invocation.env("NO_COLOR") != null || "0".equals(Invocation.env("CLICOLOR"));
        return Invocation.hasConsole() && !off ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF;
    }
}
