package io.berth.model.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.model.interpolation.VariableLookup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cases follow compose-go v2 dotenv (parser.go, godotenv_test.go). */
class DotEnvTest {

    @Test
    void keyEqualsValue() {
        assertEquals(Map.of("OPTION_A", "1", "OPTION_B", "2"), DotEnv.parse("OPTION_A=1\nOPTION_B=2\n"));
    }

    @Test
    void keepsDefinitionOrder() {
        Map<String, String> values = DotEnv.parse("Z=1\nA=2\nM=3\nA=4\n");
        assertEquals(List.of("Z", "A", "M"), List.copyOf(values.keySet()));
        assertEquals("4", values.get("A"));
    }

    @Test
    void resultIsUnmodifiable() {
        Map<String, String> values = DotEnv.parse("A=1");
        assertThrows(UnsupportedOperationException.class, () -> values.put("B", "2"));
    }

    @Test
    void exportPrefixIsDropped() {
        assertEquals(Map.of("OPTION_A", "2", "exportB", "3"), DotEnv.parse("export OPTION_A=2\nexportB=3"));
    }

    @Test
    void spacesAroundKeyAndBeforeValueAreDropped() {
        assertEquals(Map.of("KEY", "value"), DotEnv.parse("  KEY  =   value   \n"));
    }

    @Test
    void unquotedValueKeepsInnerSpaces() {
        assertEquals(Map.of("KEY", "a b  c"), DotEnv.parse("KEY=a b  c"));
    }

    @Test
    void emptyValue() {
        assertEquals(Map.of("A", "", "B", "x"), DotEnv.parse("A=\nB=x"));
    }

    @Test
    void yamlStyleColon() {
        assertEquals(Map.of("OPTION_A", "1", "OPTION_B", "two"), DotEnv.parse("OPTION_A: 1\nOPTION_B:two\n"));
    }

    @Test
    void commentLinesAndBlankLinesAreSkipped() {
        assertEquals(Map.of("A", "1", "B", "2"), DotEnv.parse("# comment\n\n   # indented comment\nA=1\n\n\nB=2\n#last"));
    }

    @Test
    void spaceHashStartsCommentInUnquotedValue() {
        assertEquals(Map.of("A", "value", "B", "a#b", "C", "#notacomment"),
                DotEnv.parse("A=value # comment\nB=a#b\nC= #notacomment"));
    }

    @Test
    void hashInsideQuotesIsKept() {
        assertEquals(Map.of("A", "a # b", "B", "c # d"), DotEnv.parse("A=\"a # b\" # comment\nB='c # d'"));
    }

    @Test
    void singleQuotedValueIsLiteral() {
        assertEquals(Map.of("A", "${B} \\n $x"), DotEnv.parse("A='${B} \\n $x'", VariableLookup.of(Map.of("B", "b"))));
    }

    @Test
    void singleQuotedValueUnescapesQuote() {
        assertEquals(Map.of("A", "it's"), DotEnv.parse("A='it\\'s'"));
    }

    @Test
    void doubleQuotedValueExpandsEscapes() {
        assertEquals(Map.of("A", "a\nb\tc\\d\"e"), DotEnv.parse("A=\"a\\nb\\tc\\\\d\\\"e\""));
    }

    @Test
    void doubleQuotedBackslashDollarIsLiteralDollar() {
        assertEquals(Map.of("A", "$B"), DotEnv.parse("A=\"\\$B\"", VariableLookup.of(Map.of("B", "x"))));
    }

    @Test
    void doubleQuotedUnknownEscapeIsKept() {
        assertEquals(Map.of("A", "\\x\\q"), DotEnv.parse("A=\"\\x\\q\""));
    }

    @Test
    void doubleQuotedOctalEscape() {
        assertEquals(Map.of("A", "S"), DotEnv.parse("A=\"\\0123\""));
    }

    @Test
    void doubleQuotedValueSpansLines() {
        assertEquals(Map.of("A", "line one\nline two", "B", "x"), DotEnv.parse("A=\"line one\nline two\"\nB=x"));
    }

    @Test
    void quotedValuesKeepSurroundingSpaces() {
        assertEquals(Map.of("A", "  padded  ", "B", " b "), DotEnv.parse("A=\"  padded  \"\nB=' b '"));
    }

    @Test
    void unquotedValueIsInterpolatedFromEarlierKeys() {
        assertEquals("hello world", DotEnv.parse("A=hello\nB=$A world").get("B"));
        assertEquals("hello world", DotEnv.parse("A=hello\nB=\"${A} world\"").get("B"));
    }

    @Test
    void interpolationFallsBackToLookup() {
        Map<String, String> values = DotEnv.parse("B=${HOME_DIR}/x\nC=${UNSET:-def}",
                VariableLookup.of(Map.of("HOME_DIR", "/home/me")));
        assertEquals("/home/me/x", values.get("B"));
        assertEquals("def", values.get("C"));
    }

    /** Checked against Docker Compose 2.26.1: with A=env in the shell, .env's "A=file\nB=$A" gives B=env. */
    @Test
    void lookupWinsOverEarlierKeysInInterpolation() {
        assertEquals("env", DotEnv.parse("A=file\nB=$A", VariableLookup.of(Map.of("A", "env"))).get("B"));
        assertEquals("file", DotEnv.parse("A=file\nB=$A", VariableLookup.none()).get("B"));
    }

    @Test
    void lookupDoesNotReplaceDefinedValue() {
        assertEquals("file", DotEnv.parse("A=file", VariableLookup.of(Map.of("A", "env"))).get("A"));
    }

    @Test
    void dollarDollarIsLiteralInUnquotedValue() {
        assertEquals("$A", DotEnv.parse("A=1\nB=$$A").get("B"));
    }

    @Test
    void keyAloneTakesValueFromLookup() {
        Map<String, String> values = DotEnv.parse("FROM_ENV\nUNSET_VAR\nLAST", VariableLookup.of(Map.of("FROM_ENV", "x", "LAST", "y")));
        assertEquals(Map.of("FROM_ENV", "x", "LAST", "y"), values);
        assertFalse(values.containsKey("UNSET_VAR"));
    }

    @Test
    void crlfLineEndings() {
        assertEquals(Map.of("A", "1", "B", "two", "C", "3"), DotEnv.parse("A=1\r\nB=\"two\"\r\nC=3 # c\r\n"));
    }

    @Test
    void byteOrderMarkIsSkipped() {
        assertEquals(Map.of("A", "1"), DotEnv.parse("\uFEFFA=1\n"));
    }

    @Test
    void keysMayHoldDotsDashesAndBrackets() {
        assertEquals(Map.of("a.b-c[0]", "v"), DotEnv.parse("a.b-c[0]=v"));
    }

    @Test
    void valueMayContainEqualsSigns() {
        assertEquals(Map.of("A", "b=c=d"), DotEnv.parse("A=b=c=d"));
    }

    @Test
    void keyWithSpaceFailsWithLine() {
        DotEnvException error = assertThrows(DotEnvException.class, () -> DotEnv.parse("A=1\nMY KEY=x"));
        assertEquals("line 2: key cannot contain a space", error.getMessage());
        assertEquals(2, error.line());
    }

    @Test
    void unexpectedCharacterInKeyFailsWithLine() {
        DotEnvException error = assertThrows(DotEnvException.class, () -> DotEnv.parse("\n\nKEY!=x\n"));
        assertEquals("line 3: unexpected character \"!\" in variable name \"KEY!=x\"", error.getMessage());
    }

    @Test
    void unterminatedQuoteFailsWithLine() {
        DotEnvException error = assertThrows(DotEnvException.class, () -> DotEnv.parse("A=1\nB=\"abc\nC=2"));
        assertEquals("line 2: unterminated quoted value \"abc", error.getMessage());
    }

    @Test
    void invalidInterpolationFailsWithLine() {
        DotEnvException error = assertThrows(DotEnvException.class, () -> DotEnv.parse("A=1\nB=${A"));
        assertTrue(error.getMessage().startsWith("line 2: Invalid template"), error.getMessage());
    }

    @Test
    void requiredVariableFailsWithLine() {
        DotEnvException error = assertThrows(DotEnvException.class, () -> DotEnv.parse("B=${X:?need X}"));
        assertEquals("line 1: required variable X is missing a value: need X", error.getMessage());
    }

    @Test
    void awesomeComposeWireguardDotEnvReadsAsDockerComposeReadsIt() {
        // awesome-compose/wireguard/.env; Docker Compose 2.x gives SERVERURL=your-domain.dyndns.com
        Map<String, String> values = DotEnv.parse("TIMEZONE=Etc/UTC\nVPN_SERVER_URL=your-domain.dyndns.com"
                + " # free examples http://www.duckdns.org/ and https://www.noip.com/");
        assertEquals(Map.of("TIMEZONE", "Etc/UTC", "VPN_SERVER_URL", "your-domain.dyndns.com"), values);
    }

    @Test
    void awesomeComposePiholeDotEnvKeepsEmptyValueAndSkipsComment() {
        Map<String, String> values = DotEnv.parse("PIHOLE_PW=changeit\n# Default values for CONDITIONAL_FORWARDING with AVM FRITZ!Box\n"
                + "PIHOLE_HOST_IP=192.168.178.X\nPIHOLE_HOST_IPV6=\n");
        assertEquals(Map.of("PIHOLE_PW", "changeit", "PIHOLE_HOST_IP", "192.168.178.X", "PIHOLE_HOST_IPV6", ""), values);
    }

    @Test
    void emptyContent() {
        assertEquals(Map.of(), DotEnv.parse(""));
        assertEquals(Map.of(), DotEnv.parse("\n  \n# only comments\n"));
    }
}
