package io.berth.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Adds the subcommands to the root command: only the one the arguments name, when they name one
 * that needs no other (help and completion walk the whole tree; an unknown name needs every name
 * for picocli's suggestions); when they name none, only what the root's usage lists of each. The root's own options come first, as picocli parses them, so an
 * option value (-p ps) is never taken for the subcommand.
 */
final class Subcommands {
    private Subcommands() {
    }

    static void register(CommandLine root, List<Class<?>> subcommands, String[] args) {
        if (firstPositional(root, args) < 0) {
            // The root alone is asked for (its usage, its version, or an error that shows its
            // usage): it lists the subcommands' names and descriptions, not their options.
            subcommands.forEach(subcommand -> addSummary(root, subcommand));
            return;
        }
        String named = subcommandName(root, args);
        for (Class<?> subcommand : subcommands) {
            if (named == null || named.equals(nameOf(subcommand)) || aliasesOf(subcommand).contains(named)) {
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
        int index = firstPositional(root, args);
        if (index < 0) {
            return null;
        }
        String arg = args[index];
        return arg.equals("help") || arg.equals("completion") ? null : arg;
    }

    /** Where the first argument that is no root option nor its value is (-1: none, or "--" first). */
    private static int firstPositional(CommandLine root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return -1;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                return i;
            }
            if (!arg.contains("=")) {
                OptionSpec option = root.getCommandSpec().findOption(arg);
                if (option != null && option.arity().max() > 0) {
                    i++;
                }
            }
        }
        return -1;
    }

    /**
     * What the root's usage shows of a subcommand, from its {@code @Command} alone: names,
     * header, description, hidden. Building the full model of every subcommand (reflection over
     * all their options) was more than a third of {@code berth --help}'s CPU.
     */
    private static void addSummary(CommandLine root, Class<?> subcommand) {
        Command command = subcommand.getAnnotation(Command.class);
        CommandSpec summary = CommandSpec.create().name(command.name()).aliases(command.aliases());
        summary.usageMessage().header(command.header()).description(command.description()).hidden(command.hidden());
        root.addSubcommand(new CommandLine(summary));
    }

    /**
     * addSubcommand copies the root's parser settings into the subcommand, undoing what its model
     * transformer set (run and exec stop at their first positional): applied again here.
     */
    private static void add(CommandLine root, Class<?> subcommand) {
        CommandLine added = new CommandLine(subcommand);
        withHelp(added);
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

    private static List<String> aliasesOf(Class<?> subcommand) {
        Command command = subcommand.getAnnotation(Command.class);
        return command == null ? List.of() : List.of(command.aliases());
    }

    /** Every command and subcommand answers --help (and -h when free), as docker's do. */
    static void withHelp(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.findOption("--help") == null) {
            String[] names = spec.findOption("-h") == null ? new String[] {"-h", "--help"} : new String[] {"--help"};
            spec.addOption(OptionSpec.builder(names).usageHelp(true).description("Show this help message and exit.").build());
        }
        command.getSubcommands().values().forEach(Subcommands::withHelp);
    }

    /** The known command a mistyped name is close to (at most two edits, fewer than half its letters), or null. */
    static String closeCommand(String typed, java.util.Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : new java.util.TreeSet<>(known)) {
            int distance = distance(typed, name);
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return bestDistance <= 2 && bestDistance * 2 < Math.max(typed.length(), 2) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    private static String nameOf(Class<?> subcommand) {
        Command command = subcommand.getAnnotation(Command.class);
        return command == null ? "" : command.name();
    }
}
