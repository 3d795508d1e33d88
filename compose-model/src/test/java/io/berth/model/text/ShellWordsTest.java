package io.berth.model.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases follow mattn/go-shellwords v1.0.12 as compose-go uses it (no env, no backtick expansion). */
class ShellWordsTest {

    @Test
    void splitsOnWhiteSpace() {
        assertEquals(List.of("npm", "run", "start"), ShellWords.split("  npm  run\tstart\n"));
    }

    @Test
    void emptyAndBlankGiveNoWords() {
        assertEquals(List.of(), ShellWords.split(""));
        assertEquals(List.of(), ShellWords.split("   "));
    }

    @Test
    void doubleQuotesKeepSpaces() {
        assertEquals(List.of("sh", "-c", "echo hello world"), ShellWords.split("sh -c \"echo hello world\""));
    }

    @Test
    void singleQuotesKeepEverythingLiterally() {
        assertEquals(List.of("echo", "a \\n \"b\" $X"), ShellWords.split("echo 'a \\n \"b\" $X'"));
    }

    @Test
    void quotesJoinWithAdjacentText() {
        assertEquals(List.of("--name=my app", "ab"), ShellWords.split("--name=\"my app\" a'b'"));
    }

    @Test
    void emptyQuotesMakeEmptyWord() {
        assertEquals(List.of("a", "", "", "b"), ShellWords.split("a \"\" '' b"));
    }

    @Test
    void backslashEscapesNextCharacterOutsideQuotes() {
        assertEquals(List.of("a b", "c\"d", "n"), ShellWords.split("a\\ b c\\\"d \\n"));
    }

    @Test
    void backslashEscapesInsideDoubleQuotesToo() {
        assertEquals(List.of("a\"b", "ab", "$X", "\\"), ShellWords.split("\"a\\\"b\" \"a\\b\" \"\\$X\" \"\\\\\""));
    }

    @Test
    void variablesAreNotExpanded() {
        assertEquals(List.of("echo", "$HOME", "${USER}"), ShellWords.split("echo $HOME ${USER}"));
    }

    @Test
    void dollarParenthesisIsKeptAsOneWord() {
        assertEquals(List.of("echo", "$(date +%s)"), ShellWords.split("echo $(date +%s)"));
    }

    @Test
    void backticksAreKeptWithTheirSpaces() {
        assertEquals(List.of("echo", "`date +%s`"), ShellWords.split("echo `date +%s`"));
    }

    @Test
    void operatorEndsTheCommand() {
        assertEquals(List.of("echo", "a"), ShellWords.split("echo a && echo b"));
        assertEquals(List.of("cat", "x"), ShellWords.split("cat x | grep y"));
        assertEquals(List.of("a"), ShellWords.split("a; b"));
        assertEquals(List.of("cat"), ShellWords.split("cat <in"));
    }

    @Test
    void digitWordBeforeRedirectionIsDropped() {
        assertEquals(List.of("cmd"), ShellWords.split("cmd 2>/dev/null"));
        assertEquals(List.of("cmd", "a"), ShellWords.split("cmd a>/dev/null"));
    }

    @Test
    void quotedOperatorsAreText() {
        assertEquals(List.of("sh", "-c", "a && b | c > d"), ShellWords.split("sh -c 'a && b | c > d'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo \"abc", "echo 'abc", "echo abc\\", "echo `date", "echo $(date", "echo (x)",
        "echo )"})
    void unterminatedOrStrayFails(String command) {
        ShellWordsException error = assertThrows(ShellWordsException.class, () -> ShellWords.split(command));
        assertEquals("invalid command line string: " + command, error.getMessage());
    }

    @Test
    void resultIsUnmodifiable() {
        List<String> words = ShellWords.split("a b");
        assertThrows(UnsupportedOperationException.class, () -> words.add("c"));
    }
}
