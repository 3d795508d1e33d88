package io.berth.model.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.model.interpolation.VariableLookup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cases follow docker/cli opts/file.go (parseKeyValueFile), used by Compose for env_file format: raw. */
class RawEnvFileTest {

    private static Map<String, String> parse(String content) {
        return RawEnvFile.parse(content, VariableLookup.none());
    }

    @Test
    void valuesAreKeptExactly() {
        assertEquals(Map.of("A", "\"quoted\"", "B", "${NOT_INTERPOLATED}", "C", "trailing  ", "D", "x # not a comment"),
                parse("A=\"quoted\"\nB=${NOT_INTERPOLATED}\nC=trailing  \nD=x # not a comment\n"));
    }

    @Test
    void leadingWhiteSpaceIsDroppedAndCommentsAndBlankLinesSkipped() {
        assertEquals(Map.of("A", "1", "B", "2"), parse("  A=1\n\n# comment\n   # indented\n\tB=2"));
    }

    @Test
    void emptyValue() {
        assertEquals(Map.of("A", ""), parse("A="));
    }

    @Test
    void lineWithoutEqualsTakesValueFromLookup() {
        Map<String, String> values = RawEnvFile.parse("HOME\nUNSET\n", VariableLookup.of(Map.of("HOME", "/root")));
        assertEquals(Map.of("HOME", "/root"), values);
    }

    @Test
    void crlfAndBomAreHandled() {
        assertEquals(Map.of("A", "1", "B", "2"), parse("\uFEFFA=1\r\nB=2\r\n"));
    }

    @Test
    void keepsOrderAndLaterValueWins() {
        Map<String, String> values = parse("Z=1\nA=2\nZ=3\n");
        assertEquals(List.of("Z", "A"), List.copyOf(values.keySet()));
        assertEquals("3", values.get("Z"));
    }

    @Test
    void keyWithWhiteSpaceFails() {
        DotEnvException error = assertThrows(DotEnvException.class, () -> parse("A=1\nMY KEY=2"));
        assertEquals("line 2: poorly formatted environment: variable 'MY KEY' contains whitespaces", error.getMessage());
    }

    @Test
    void missingKeyFails() {
        DotEnvException error = assertThrows(DotEnvException.class, () -> parse("=value"));
        assertEquals("line 1: poorly formatted environment: no variable name on line '=value'", error.getMessage());
    }
}
