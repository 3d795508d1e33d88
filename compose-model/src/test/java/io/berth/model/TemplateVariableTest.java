package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cases follow compose-go v2 template TestExtractVariables. */
class TemplateVariableTest {

    private static TemplateVariable plain(String name) {
        return new TemplateVariable(name, "", "", false);
    }

    @Test
    void noVariables() {
        assertEquals(List.of(), TemplateVariable.extract("foo"));
        assertEquals(List.of(), TemplateVariable.extract("$$escaped $${also}"));
    }

    @Test
    void variableWithoutBraces() {
        assertEquals(List.of(plain("bar")), TemplateVariable.extract("$bar"));
    }

    @Test
    void bracedVariable() {
        assertEquals(List.of(plain("bar")), TemplateVariable.extract("${bar}"));
    }

    @Test
    void requiredVariable() {
        assertEquals(List.of(new TemplateVariable("bar", "", "", true)), TemplateVariable.extract("${bar?foo}"));
        assertEquals(List.of(new TemplateVariable("bar", "", "", true)), TemplateVariable.extract("${bar:?foo}"));
    }

    @Test
    void defaultValues() {
        assertEquals(List.of(new TemplateVariable("bar", "foo", "", false)), TemplateVariable.extract("${bar:-foo}"));
        assertEquals(List.of(new TemplateVariable("bar", "foo", "", false)), TemplateVariable.extract("${bar-foo}"));
    }

    @Test
    void alternateValues() {
        assertEquals(List.of(new TemplateVariable("bar", "", "foo", false)), TemplateVariable.extract("${bar:+foo}"));
        assertEquals(List.of(new TemplateVariable("bar", "", "foo", false)), TemplateVariable.extract("${bar+foo}"));
    }

    @Test
    void severalInOneValue() {
        assertEquals(List.of(plain("docker"), new TemplateVariable("project", "cli", "", false)),
                TemplateVariable.extract("$docker:${project:-cli}"));
        assertEquals(List.of(plain("a"), plain("b")), TemplateVariable.extract("${a} and ${b}"));
    }

    @Test
    void nestedReferencesAreVariablesToo() {
        assertEquals(List.of(new TemplateVariable("A", "${B:-x}", "", false), new TemplateVariable("B", "x", "", false)),
                TemplateVariable.extract("${A:-${B:-x}}"));
        assertEquals(List.of(new TemplateVariable("A", "", "", true), plain("MSG")), TemplateVariable.extract("${A:?$MSG}"));
    }

    @Test
    void invalidSyntaxIsSkipped() {
        assertEquals(List.of(plain("B")), TemplateVariable.extract("${ } $B"));
    }

    @Test
    void combineKeepsRequiredAndFirstDefault() {
        Map<String, TemplateVariable> combined = TemplateVariable.combine(List.of(
                plain("A"), new TemplateVariable("A", "one", "", false), new TemplateVariable("A", "two", "alt", true),
                plain("B")));
        assertEquals(new TemplateVariable("A", "one", "alt", true), combined.get("A"));
        assertEquals(List.of("A", "B"), List.copyOf(combined.keySet()));
    }
}
