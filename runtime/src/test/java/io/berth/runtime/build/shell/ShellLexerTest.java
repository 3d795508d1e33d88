package io.berth.runtime.build.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellLexerTest {
    private final ShellLexer lexer = new ShellLexer('\\');

    private static final Map<String, String> ENV = Map.of("A", "apple", "EMPTY", "", "SP", "two  words",
            "UNI", "h\u00e9llo w\u00f6rld", "PATHISH", "/usr/local/bin");

    /** Berth's own cases: {@code ~} quotes a value, {@code error} means a substitution error. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            $A                       | apple
            ${A}                     | apple
            x${A}y                   | xappley
            $A-$A                    | apple-apple
            $A.txt                   | apple.txt
            $UNSET                   | ~~
            x${UNSET}y               | xy
            ${UNSET:-fallback}       | fallback
            ${EMPTY:-fallback}       | fallback
            ${A:-fallback}           | apple
            ${UNSET-fallback}        | fallback
            ${EMPTY-fallback}        | ~~
            ${A:+other}              | other
            ${EMPTY:+other}          | ~~
            ${EMPTY+other}           | other
            ${UNSET+other}           | ~~
            ${UNSET:-${A}}           | apple
            ${UNSET:-pre${A}post}    | preapplepost
            ${A:?must be set}        | apple
            ${EMPTY?may be empty}    | ~~
            ${UNSET:?must be set}    | error
            ${EMPTY:?must not be empty} | error
            ${UNSET?must be set}     | error
            ${A                      | error
            ${A#a}                   | pple
            ${A%e}                   | appl
            ${A/p/P}                 | aPple
            ${A//p/P}                | aPPle
            ${PATHISH##*/}           | bin
            ${PATHISH%/*}            | /usr/local
            ${UNI}                   | héllo wörld
            '$A'                     | $A
            "$A"                     | apple
            "'$A'"                   | 'apple'
            '"$A"'                   | "$A"
            "a'b"                    | a'b
            'a"b'                    | a"b
            \\$A                      | $A
            "\\$A"                    | $A
            a\\ b                     | a b
            "a\\"b"                   | a"b
            'a\\b'                    | a\\b
            "a\\b"                    | a\\b
            \\\\                       | \\
            \\'                       | '
            "$A"'$A'$A               | apple$Aapple
            ~"${SP}"~                | two  words
            ~  spaced  ~             | ~  spaced  ~
            a$                       | a$
            """)
    void substitutes(String source, String expected) {
        String actual;
        try {
            actual = lexer.processWord(source, ENV).word();
        } catch (SubstitutionException e) {
            actual = "error";
        }
        assertEquals(expected, actual);
    }

    /** Word splitting: words separated by {@code ,} in the expectation; {@code error} for an error. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            a b c                    | a,b,c
            ~  lead   trail  ~       | lead,trail
            "a b" c                  | a b,c
            'a b' "c d" e\\ f         | a b,c d,e f
            x"$A"y                   | xappley
            $A $A                    | apple,apple
            "$SP"                    | two  words
            pre'$A'post              | pre$Apost
            --flag=$A other          | --flag=apple,other
            "a"'b'c                  | abc
            ${UNSET:-x y}            | x,y
            """)
    void splitsWords(String source, String expected) throws SubstitutionException {
        assertEquals(List.of(expected.split(",", -1)), lexer.processWords(source, ENV).words());
    }

    @Test
    void anEmptyTextHasNoWords() throws SubstitutionException {
        assertEquals(List.of(), lexer.processWords("   ", ENV).words());
    }

    @Test
    void recordsTheVariablesAWordUses() throws SubstitutionException {
        Expansion expansion = lexer.processWord("${A:-x}$B/$C", Map.of("A", "1", "C", "3"));
        assertEquals("1/3", expansion.word());
        assertEquals(Set.of("A", "B", "C"), expansion.used());
    }

    @Test
    void trimsPrefixesAndSuffixesLazilyAndGreedily() throws SubstitutionException {
        Map<String, String> env = Map.of("F", "dir/sub/file.tar.gz");
        assertEquals("sub/file.tar.gz", lexer.processWord("${F#*/}", env).word());
        assertEquals("file.tar.gz", lexer.processWord("${F##*/}", env).word());
        assertEquals("dir/sub/file.tar", lexer.processWord("${F%.*}", env).word());
        assertEquals("dir/sub/file", lexer.processWord("${F%%.*}", env).word());
        assertEquals("dir-sub-file.tar.gz", lexer.processWord("${F//\\//-}", env).word());
    }

    @Test
    void backtickEscapeWorksLikeBackslash() throws SubstitutionException {
        ShellLexer backtick = new ShellLexer('`');
        assertEquals("a$b c:\\x", backtick.processWord("a`$b` c:\\x", Map.of("b", "B")).word());
    }

    @Test
    void requiredVariableMessages() {
        SubstitutionException unset = assertThrows(SubstitutionException.class,
                () -> lexer.processWord("${X:?set X to the version}", Map.of()));
        if (!unset.getMessage().contains("X: set X to the version")) {
            fail(unset.getMessage());
        }
    }
}
