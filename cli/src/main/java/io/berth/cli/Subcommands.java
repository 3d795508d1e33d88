package io.berth.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Adds the subcommands to the root command: only the one the arguments name, when they name one
 * that needs no other (help and completion walk the whole tree; an unknown name needs every name
 * for picocli's suggestions). The root's own options come first, as picocli parses them, so an
 * option value (-p ps) is never taken for the subcommand.
 */
final class Subcommands {
    private Subcommands() {
    }

    static void register(CommandLine root, List<Class<?>> subcommands, String[] args) {
        String named = subcommandName(root, args);
        for (Class<?> subcommand : subcommands) {
            if (named == null || named.equals(nameOf(subcommand))) {
                add(root, subcommand);
                if (named != null) {
                    return;
                }
            }
        }
        if (named != null) {
            // Not one of ours after all: the whole tree, so that picocli reports it as it always did.
            subcommands.forEach(subcommand -> add(root, subcommand));
        }
    }

    /** The subcommand the arguments name, or null when they name none or one that needs the whole tree. */
    static String subcommandName(CommandLine root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                return arg.equals("help") || arg.equals("completion") ? null : arg;
            }
            if (!arg.contains("=")) {
                OptionSpec option = root.getCommandSpec().findOption(arg);
                if (option != null && option.arity().max() > 0) {
                    i++;
                }
            }
        }
        return null;
    }

    /**
     * addSubcommand copies the root's parser settings into the subcommand, undoing what its model
     * transformer set (run and exec stop at their first positional): applied again here.
     */
    private static void add(CommandLine root, Class<?> subcommand) {
        CommandLine added = new CommandLine(subcommand);
        root.addSubcommand(added);
        Command command = subcommand.getAnnotation(Command.class);
        // picocli's own no-op default is a nested class of CommandLine
        if (command != null && command.modelTransformer().getDeclaringClass() != CommandLine.class) {
            try {
                CommandLine.defaultFactory().create(command.modelTransformer()).transform(added.getCommandSpec());
            } catch (Exception e) {
                throw new IllegalStateException("model transformer of " + subcommand.getName(), e);
            }
        }
    }

    private static String nameOf(Class<?> subcommand) {
        Command command = subcommand.getAnnotation(Command.class);
        return command == null ? "" : command.name();
    }
}
