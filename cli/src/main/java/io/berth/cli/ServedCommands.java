package io.berth.cli;

import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Which command lines the CLI server runs: those that need no terminal of their own and no signal
 * handling of their own (`run` detached, or with a stdin that is no terminal, which it reads through
 * the server). Decided from picocli's parse of the arguments, with the same tree
 * {@link Subcommands} builds, so that an option's value is never taken for a command. A command
 * line that does not parse is served: the server prints the same usage error the JVM would.
 */
public final class ServedCommands {
    private static final Set<String> ALWAYS = Set.of("version", "ps", "ls", "images", "top", "port", "config",
            "down", "start", "stop", "restart", "kill", "create", "build", "pause", "unpause");
    private static final Set<String> HOST_OBJECTS = Set.of("volume", "network", "image");
    private static final Set<String> HOST_OBJECT_READS = Set.of("ls", "inspect");

    private ServedCommands() {
    }

    /** What the server does with a command line, and the command's name as the log shows it. */
    public record Decision(String command, boolean served) {
    }

    /** As decided for a caller whose stdin is a terminal. */
    public static boolean serves(String[] args) {
        return decide(args, true).served();
    }

    public static Decision decide(String[] args) {
        return decide(args, true);
    }

    /**
     * @param stdinIsTerminal whether the caller's stdin is a terminal: `run` then gets a TTY (unless
     *                        -T or -d), whose raw mode and size belong to a process of its own
     */
    public static Decision decide(String[] args, boolean stdinIsTerminal) {
        CommandLine root = new CommandLine(new BerthCommand());
        Subcommands.register(root, BerthCommand.SUBCOMMANDS, args);
        ParseResult parsed;
        try {
            parsed = root.parseArgs(args);
        } catch (CommandLine.ParameterException usageError) {
            return new Decision("(usage error)", true);
        }
        if (!parsed.hasSubcommand()) {
            // the root's usage or version: BerthCommand.run picks the colours the caller's terminal would get
            return new Decision("(root)", true);
        }
        ParseResult command = parsed.subcommand();
        String name = command.commandSpec().name();
        String nested = command.hasSubcommand() ? command.subcommand().commandSpec().name() : null;
        String shown = nested == null ? name : name + " " + nested;
        if (command.isUsageHelpRequested() || ALWAYS.contains(name)) {
            return new Decision(shown, true);
        }
        return new Decision(shown, switch (name) {
            case "up" -> command.hasMatchedOption("--detach");
            case "logs" -> !command.hasMatchedOption("--follow");
            case "rm" -> command.hasMatchedOption("--force");
            // not with -T at a terminal: its stdin pump, blocked in a read of the caller's terminal after
            // the command ended, would take the next line typed at the shell (a JVM of its own exits instead)
            case "run" -> command.hasMatchedOption("--detach") || !stdinIsTerminal;
            default -> HOST_OBJECTS.contains(name) && HOST_OBJECT_READS.contains(nested);
        });
    }
}
