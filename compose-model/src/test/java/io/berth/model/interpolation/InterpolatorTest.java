package io.berth.model.interpolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases follow compose-go v2 template_test.go (FOO=first, BAR set and empty). */
class InterpolatorTest {

    private static final VariableLookup VARIABLES = VariableLookup.of(Map.of("FOO", "first", "BAR", ""));

    private static String interpolate(String template) {
        return Interpolator.interpolate(template, VARIABLES);
    }

    @Test
    void textWithoutDollarIsUnchanged() {
        assertEquals("foo", interpolate("foo"));
    }

    @Test
    void dollarNameIsReplaced() {
        assertEquals("This first var", interpolate("This $FOO var"));
    }

    @Test
    void bracedNameIsReplaced() {
        assertEquals("This first var", interpolate("This ${FOO} var"));
    }

    @Test
    void unbracedNameStopsAtFirstNonNameCharacter() {
        assertEquals("first-bar", interpolate("$FOO-bar"));
    }

    @Test
    void namesAreCaseSensitiveAndMayContainDigitsAndUnderscores() {
        VariableLookup lookup = VariableLookup.of(Map.of("a_1", "x", "A_1", "y"));
        assertEquals("x y", Interpolator.interpolate("$a_1 ${A_1}", lookup));
    }

    @Test
    void unsetOrEmptyVariableBecomesEmpty() {
        assertEquals("This  var", interpolate("This ${missing} var"));
        assertEquals("This  var", interpolate("This ${BAR} var"));
    }

    @Test
    void doubleDollarIsLiteralDollar() {
        assertEquals("${foo}", interpolate("$${foo}"));
        assertEquals("$FOO", interpolate("$$FOO"));
        assertEquals("$first", interpolate("$$$FOO"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a $ string", "^REGEX$", "$}", "$", "$1", "cost: $-5", "100%$"})
    void dollarNotFollowedByNameOrBraceIsKept(String template) {
        assertEquals(template, interpolate(template));
    }

    @ParameterizedTest
    @ValueSource(strings = {"${", "${}", "${ }", "${ foo}", "${foo }", "${foo!}", "${FOO", "a ${FOO:-x", "${FOO:}",
        "${1A}", "${FOO:-x\n}"})
    void invalidBracedExpressionFails(String template) {
        InterpolationException error = assertThrows(InterpolationException.class, () -> interpolate(template));
        assertEquals(InterpolationException.Kind.INVALID_TEMPLATE, error.kind());
        assertEquals(template, error.template());
    }

    @Test
    void invalidTemplateMessageIsComposeGos() {
        InterpolationException error = assertThrows(InterpolationException.class, () -> interpolate("${}"));
        assertEquals("Invalid template: \"${}\"", error.getMessage());
        assertEquals("invalid interpolation format for services.web.image.\n"
                + "You may need to escape any $ with another $.\n${}", error.messageAt("services.web.image"));
    }

    @Test
    void colonDashDefaultsWhenUnsetOrEmpty() {
        assertEquals("ok def", interpolate("ok ${missing:-def}"));
        assertEquals("ok def", interpolate("ok ${BAR:-def}"));
        assertEquals("ok first", interpolate("ok ${FOO:-def}"));
    }

    @Test
    void dashDefaultsOnlyWhenUnset() {
        assertEquals("ok def", interpolate("ok ${missing-def}"));
        assertEquals("ok ", interpolate("ok ${BAR-def}"));
        assertEquals("ok first", interpolate("ok ${FOO-def}"));
    }

    @Test
    void defaultMayContainOperatorsAndColons() {
        assertEquals("ok /non:-alphanumeric", interpolate("ok ${BAR:-/non:-alphanumeric}"));
        assertEquals("myerror?msg", interpolate("${UNSET_VAR-myerror?msg}"));
    }

    @Test
    void emptyDefaultIsAllowed() {
        assertEquals("[]", interpolate("[${missing:-}]"));
    }

    @Test
    void colonPlusGivesAlternativeWhenSetAndNotEmpty() {
        assertEquals("ok presence_value", interpolate("ok ${FOO:+presence_value}"));
        assertEquals("ok ", interpolate("ok ${BAR:+presence_value}"));
        assertEquals("ok ", interpolate("ok ${UNSET_VAR:+presence_value}"));
    }

    @Test
    void plusGivesAlternativeWhenSet() {
        assertEquals("ok presence_value", interpolate("ok ${FOO+presence_value}"));
        assertEquals("ok presence_value", interpolate("ok ${BAR+presence_value}"));
        assertEquals("ok ", interpolate("ok ${UNSET_VAR+presence_value}"));
    }

    @Test
    void colonQuestionFailsWhenUnsetOrEmpty() {
        assertRequired("not ok ${UNSET_VAR:?Mandatory Variable Unset}",
                "required variable UNSET_VAR is missing a value: Mandatory Variable Unset");
        assertRequired("not ok ${BAR:?Mandatory Variable Empty}",
                "required variable BAR is missing a value: Mandatory Variable Empty");
        assertEquals("ok first", interpolate("ok ${FOO:?err}"));
    }

    @Test
    void questionFailsOnlyWhenUnset() {
        assertRequired("not ok ${UNSET_VAR?Mandatory Variable Unset}",
                "required variable UNSET_VAR is missing a value: Mandatory Variable Unset");
        assertEquals("ok ", interpolate("ok ${BAR?err}"));
        assertEquals("ok first", interpolate("ok ${FOO?err}"));
    }

    @Test
    void requiredWithoutMessageSaysOnlyMissing() {
        assertRequired("${UNSET_VAR:?}", "required variable UNSET_VAR is missing a value");
        assertRequired("${UNSET_VAR?}", "required variable UNSET_VAR is missing a value");
    }

    @Test
    void requiredMessageIsInterpolated() {
        assertRequired("${UNSET_VAR:?Mandatory Variable ${FOO}}",
                "required variable UNSET_VAR is missing a value: Mandatory Variable first");
        assertRequired("${UNSET_VAR?bar-baz}", "required variable UNSET_VAR is missing a value: bar-baz");
    }

    @Test
    void missingRequiredCarriesVariableAndReasonAndPathMessage() {
        InterpolationException error = assertThrows(InterpolationException.class,
                () -> interpolate("${TAG:?set TAG}"));
        assertEquals(InterpolationException.Kind.MISSING_REQUIRED, error.kind());
        assertEquals("TAG", error.variable());
        assertEquals("set TAG", error.reason());
        assertEquals("error while interpolating services.web.image: required variable TAG is missing a value: set TAG",
                error.messageAt("services.web.image"));
    }

    @Test
    void nestedDefaultsAreInterpolated() {
        assertEquals("ok first", interpolate("ok ${UNSET_VAR-$FOO}"));
        assertEquals("ok first", interpolate("ok ${UNSET_VAR-${FOO}}"));
        assertEquals("ok first first", interpolate("ok ${UNSET_VAR-${FOO} ${FOO}}"));
        assertEquals("ok first first", interpolate("ok ${BAR:-${FOO} ${FOO}}"));
        assertEquals("ok first second", interpolate("ok ${BAR+$FOO ${FOO:+second}}"));
    }

    @Test
    void deeplyNestedDefaultsAreInterpolated() {
        assertEquals("x", interpolate("${A:-${B:-x}}"));
        assertEquals("first", interpolate("${A:-${B:-${FOO}}}"));
        assertEquals("+ok ", interpolate("+ok ${UNSET:-${BAR-defaultValue}}"));
    }

    @Test
    void textAroundExpressionsIsKept() {
        assertEquals(":-ok defaultValue", interpolate(":-ok ${UNSET-defaultValue}"));
        assertEquals("?ok defaultValue", interpolate("?ok ${BAR:-defaultValue}"));
        assertEquals("a-first-b}", interpolate("a-${FOO}-b}"));
    }

    @Test
    void severalExpressionsInOneValue() {
        assertEquals("first:x:first", interpolate("${FOO}:${U:-x}:${FOO:?e}"));
        assertEquals("x} y", interpolate("${U-x}} ${U:-y}"));
    }

    /** As Docker Compose 2.26.1 (tricky corpus s15, s16): the argument is interpolated even when unused. */
    @Test
    void unusedBranchIsInterpolatedToo() {
        org.junit.jupiter.api.Assertions.assertThrows(InterpolationException.class,
                () -> interpolate("${FOO:-${MISSING:?evaluated anyway}}"));
        org.junit.jupiter.api.Assertions.assertThrows(InterpolationException.class,
                () -> interpolate("${U:+${MISSING:?evaluated anyway}}"));
        assertEquals("first", interpolate("${FOO:-${MISSING:-x}}"));
    }

    @Test
    void errorInsideUsedDefaultFails() {
        assertRequired("${U:-${MISSING:?needed}}", "required variable MISSING is missing a value: needed");
        InterpolationException error = assertThrows(InterpolationException.class, () -> interpolate("${U:-${B}"));
        assertEquals(InterpolationException.Kind.INVALID_TEMPLATE, error.kind());
        assertEquals("${B", error.template());
    }

    @Test
    void braceInsideDefaultIsBalanced() {
        assertEquals("{a}", interpolate("${U:-{a}}"));
        assertEquals("{a}b", interpolate("${U:-{a}}b"));
    }

    @Test
    void recordsReferencedAndUnsetVariables() {
        Interpolator interpolator = new Interpolator(VARIABLES);
        interpolator.interpolate("$FOO ${MISSING} ${OTHER:-x} $$ESCAPED");
        interpolator.interpolate("${BAR} ${MISSING}");
        assertEquals(List.of("FOO", "MISSING", "OTHER", "BAR"), List.copyOf(interpolator.referencedVariables()));
        assertEquals(Set.of("MISSING"), interpolator.unsetVariables());
    }

    @Test
    void notSetWarningIsComposes() {
        assertEquals("The \"TAG\" variable is not set. Defaulting to a blank string.", Interpolator.notSetWarning("TAG"));
    }

    @Test
    void lookupFallsBack() {
        VariableLookup lookup = VariableLookup.of(Map.of("A", "1")).orElse(VariableLookup.of(Map.of("A", "2", "B", "3")));
        assertEquals("1 3", Interpolator.interpolate("$A $B", lookup));
    }

    private static void assertRequired(String template, String message) {
        InterpolationException error = assertThrows(InterpolationException.class, () -> interpolate(template));
        assertEquals(InterpolationException.Kind.MISSING_REQUIRED, error.kind());
        assertEquals(message, error.getMessage());
    }
}
