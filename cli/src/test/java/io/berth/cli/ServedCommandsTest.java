package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which command lines the CLI server runs (docs/cli-server.md): a pure decision on the argv. */
class ServedCommandsTest {
    @Test
    void shortCommandsThatNeedNoTerminalAreServed() {
        for (String line : new String[] {"ps", "-p demo ps -a", "version", "ls", "config -q", "down -v", "up -d",
                "up --detach --wait", "logs", "logs --tail 5 web", "rm -f", "rm --force -s", "stop -t 3", "start",
                "restart", "kill", "create", "images", "top", "port web 80", "volume ls", "network inspect x",
                "image ls", "image list", "ps --help", "--help", "-h", "--version", "-V"}) {
            assertTrue(ServedCommands.serves(line.split(" ")), line);
        }
    }

    @Test
    void interactiveOrLongRunningCommandsAreLeftToTheJvm() {
        for (String line : new String[] {"exec web sh", "run web", "attach web", "up", "logs -f", "logs --follow",
                "rm", "wait web", "image import x.tar busybox", "image pull busybox", "volume rm v", "network create n",
                "completion bash", "help ps"}) {
            assertFalse(ServedCommands.serves(line.split(" ")), line);
        }
    }

    @Test
    void runIsServedWhenItReadsNoTerminal() {
        assertTrue(ServedCommands.decide("run -d web".split(" "), true).served(), "detached");
        for (String line : new String[] {"run --rm web cat", "run --rm -T web true", "run --no-TTY web cat"}) {
            assertTrue(ServedCommands.decide(line.split(" "), false).served(), "stdin not a terminal: " + line);
        }
        assertFalse(ServedCommands.decide("run --rm web sh".split(" "), true).served(), "a TTY: its own process");
        assertFalse(ServedCommands.decide("run --rm -T web true".split(" "), true).served(),
                "at a terminal, -T: a served stdin pump could take the shell's next line");
        assertFalse(ServedCommands.decide("exec -T web true".split(" "), false).served(), "exec passes fds 0-2 itself");
    }

    @Test
    void anOptionValueIsNotTakenForTheCommand() {
        assertEquals(new ServedCommands.Decision("ps", true), ServedCommands.decide("-p exec ps".split(" ")));
        assertEquals(new ServedCommands.Decision("exec", false), ServedCommands.decide("-p ps exec web sh".split(" ")));
    }

    @Test
    void aCommandLineThatDoesNotParseIsServedForItsUsageError() {
        assertTrue(ServedCommands.serves(new String[] {"nosuch"}));
        assertTrue(ServedCommands.serves(new String[] {"ps", "--no-such-option"}));
    }
}
