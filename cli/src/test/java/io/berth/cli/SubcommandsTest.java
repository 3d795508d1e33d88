package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SubcommandsTest {
    private static String named(String... args) {
        return Subcommands.subcommandName(new CommandLine(new BerthCommand()), args);
    }

    @Test
    void theFirstArgumentThatIsNoRootOptionNorItsValueNamesTheSubcommand() {
        assertEquals("ps", named("ps", "-a"));
        assertEquals("up", named("-f", "a.yaml", "-p", "ps", "up", "-d"));
        assertEquals("logs", named("--file=a.yaml", "-pdemo", "--debug", "logs"));
        assertEquals("config", named("-f", "-", "config"));
        assertEquals("nosuch", named("nosuch"));
    }

    @Test
    void helpCompletionAndNoSubcommandNeedTheWholeTree() {
        assertNull(named());
        assertNull(named("--help"));
        assertNull(named("help", "ps"));
        assertNull(named("completion"));
        assertNull(named("-p", "x"));
    }

    @Test
    void runKeepsStoppingAtItsFirstPositional() {
        CommandLine root = new CommandLine(new BerthCommand());
        Subcommands.register(root, BerthCommand.SUBCOMMANDS, new String[] {"run", "web", "sh", "-c", "true"});
        assertEquals(1, root.getSubcommands().size());
        assertEquals(true, root.getSubcommands().get("run").getCommandSpec().parser().stopAtPositional());
    }

    @Test
    void withoutASubcommandTheRootUsageIsTheSameFromSummariesAsFromTheWholeTree() {
        CommandLine whole = new CommandLine(new BerthCommand());
        Subcommands.register(whole, BerthCommand.SUBCOMMANDS, new String[] {"help"});
        CommandLine summaries = new CommandLine(new BerthCommand());
        Subcommands.register(summaries, BerthCommand.SUBCOMMANDS, new String[] {"-p", "x", "--help"});
        // picocli lists a subcommand once per name and alias (config is also convert)
        assertEquals(BerthCommand.SUBCOMMANDS.size(), summaries.getSubcommands().values().stream()
                .map(CommandLine::getCommandSpec).distinct().count());
        assertEquals(whole.getUsageMessage(), summaries.getUsageMessage());
    }
}
