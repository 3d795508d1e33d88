package io.berth.model;

import io.berth.model.interpolation.BracedExpression;
import io.berth.model.interpolation.Interpolator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A variable a Compose file refers to, with what its references declare, as compose-go's
 * {@code template.ExtractVariables} reports it (for {@code docker compose config --variables}).
 *
 * @param name           the variable's name
 * @param defaultValue   the raw text after {@code :-} or {@code -}, "" when none
 * @param alternateValue the raw text after {@code :+} or {@code +} (compose-go's PresenceValue), "" when none
 * @param required       whether a reference uses {@code :?} or {@code ?}
 */
public record TemplateVariable(String name, String defaultValue, String alternateValue, boolean required) {

    public TemplateVariable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(alternateValue, "alternateValue");
    }

    /**
     * The variables referenced in one value, in order of appearance (a name may repeat), including those
     * inside defaults, alternate values and error messages. Invalid syntax is skipped, not reported:
     * {@link Interpolator} reports it.
     */
    public static List<TemplateVariable> extract(String template) {
        List<TemplateVariable> found = new ArrayList<>();
        extractInto(template, found);
        return Collections.unmodifiableList(found);
    }

    /**
     * Combines the references to each variable as compose-go's {@code combineVariable}: required as soon as one
     * reference is, and the first non-empty default and alternate values. Keyed by name, in first-seen order.
     */
    public static Map<String, TemplateVariable> combine(Collection<TemplateVariable> references) {
        Map<String, TemplateVariable> combined = new LinkedHashMap<>();
        for (TemplateVariable reference : references) {
            combined.merge(reference.name(), reference, (existing, added) -> new TemplateVariable(existing.name(),
                    existing.defaultValue().isEmpty() ? added.defaultValue() : existing.defaultValue(),
                    existing.alternateValue().isEmpty() ? added.alternateValue() : existing.alternateValue(),
                    existing.required() || added.required()));
        }
        return Collections.unmodifiableMap(combined);
    }

    private static void extractInto(String template, List<TemplateVariable> found) {
        int i = 0;
        while (i < template.length()) {
            if (template.charAt(i) != '$' || i + 1 >= template.length()) {
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                i += 2;
            } else if (Interpolator.isNameStart(next)) {
                int end = Interpolator.nameEnd(template, i + 1);
                found.add(new TemplateVariable(template.substring(i + 1, end), "", "", false));
                i = end;
            } else if (next == '{') {
                int end = Interpolator.bracedEnd(template, i);
                if (end < 0) {
                    i += 2;
                    continue;
                }
                String match = template.substring(i, end);
                int closing = BracedExpression.firstClosingBrace(match);
                String expression = closing < 0 ? match : match.substring(0, closing + 1);
                addBraced(BracedExpression.parse(expression.substring(2, expression.length() - 1)), found);
                if (closing >= 0) {
                    extractInto(match.substring(closing + 1), found);
                }
                i = end;
            } else {
                i++;
            }
        }
    }

    private static void addBraced(BracedExpression expression, List<TemplateVariable> found) {
        String operator = expression.operator() == null ? "" : expression.operator();
        String argument = expression.argument();
        boolean required = operator.endsWith("?");
        String defaultValue = operator.endsWith("-") ? argument : "";
        String alternateValue = operator.endsWith("+") ? argument : "";
        found.add(new TemplateVariable(expression.name(), defaultValue, alternateValue, required));
        if (!argument.isEmpty()) {
            extractInto(argument, found);
        }
    }
}
