package io.berth.model.interpolation;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Interpolates one string value the way Docker Compose v2 does (compose-go v2 {@code template.Substitute}):
 * <ul>
 * <li>{@code $VAR} and {@code ${VAR}}: the value, or "" with a warning when unset;
 *     names are {@code [_a-zA-Z][_a-zA-Z0-9]*}, so {@code $FOO-bar} is FOO's value then "-bar";</li>
 * <li>{@code ${VAR:-default}} (unset or empty) and {@code ${VAR-default}} (unset only);</li>
 * <li>{@code ${VAR:?err}} and {@code ${VAR?err}}: fail with "required variable VAR is missing a value: err";</li>
 * <li>{@code ${VAR:+alt}} (set and not empty) and {@code ${VAR+alt}} (set): alt, else VAR's value (or "");</li>
 * <li>the text after an operator is itself interpolated, always, before the operator is applied (as
 *     compose-go does): {@code ${A:-${B:-x}}}, {@code ${A?missing $B}}; so {@code ${A:-${B:?}}} fails
 *     when B is unset even if A is set;</li>
 * <li>{@code $$} is a literal {@code $}; a {@code $} followed by anything other than a name, {@code $} or
 *     <code>{</code> is kept as it is ({@code "a $ string"}, {@code "^REGEX$"}, {@code "$1"});</li>
 * <li>a <code>${</code> that does not form a valid expression (<code>${</code>, <code>${}</code>,
 *     <code>${ foo}</code>, <code>${foo!}</code>, <code>${VAR</code>, an expression crossing a line end)
 *     fails with "Invalid template".</li>
 * </ul>
 * As in compose-go, an expression ends at the first <code>}</code> that balances the <code>{</code>s
 * opened since its <code>${</code> (each <code>{</code> also hides the character after it, a compose-go quirk
 * kept on purpose).
 *
 * <p>An instance records, across all its calls, the names it looked up ({@link #referencedVariables()})
 * and the plain references that were unset ({@link #unsetVariables()}, for Compose's warning
 * {@link #notSetWarning(String)}). Not thread-safe.
 */
public final class Interpolator {

    /** Levels of nested expressions followed; far above real files, far below a thread's stack. */
    public static final int MAX_NESTING = 200;
    private final VariableLookup lookup;
    private int depth;
    private final Set<String> referenced = new LinkedHashSet<>();
    private final Set<String> unset = new LinkedHashSet<>();

    public Interpolator(VariableLookup lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** Interpolates {@code template} with {@code lookup}, without keeping track of the variables. */
    public static String interpolate(String template, VariableLookup lookup) {
        return new Interpolator(lookup).interpolate(template);
    }

    /** Compose v2's warning for a variable that was referenced but is not set. */
    public static String notSetWarning(String name) {
        return "The " + GoQuote.quote(name) + " variable is not set. Defaulting to a blank string.";
    }

    /**
     * Interpolates one value.
     *
     * @throws InterpolationException on an invalid template or a missing required variable (the first one)
     */
    public String interpolate(String template) {
        Objects.requireNonNull(template, "template");
        // each nested ${...} (and each operator expression after another on a line) recurses: bounded,
        // so that a hostile file gets an error, not a StackOverflowError in a shared server
        if (++depth > MAX_NESTING) {
            depth = 0;
            throw InterpolationException.tooDeep(MAX_NESTING);
        }
        try {
            return interpolateFlat(template);
        } finally {
            depth = Math.max(0, depth - 1);
        }
    }

    private String interpolateFlat(String template) {
        StringBuilder out = new StringBuilder(template.length());
        int i = 0;
        int length = template.length();
        while (i < length) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= length) {
                out.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (isNameStart(next)) {
                int end = nameEnd(template, i + 1);
                out.append(plain(template.substring(i + 1, end)));
                i = end;
            } else if (next == '{') {
                int end = bracedEnd(template, i);
                if (end < 0) {
                    throw InterpolationException.invalidTemplate(template);
                }
                out.append(braced(template.substring(i, end)));
                i = end;
            } else {
                out.append('$');
                i++;
            }
        }
        return out.toString();
    }

    /** Every variable name looked up so far, in the order first seen. */
    public Set<String> referencedVariables() {
        return Collections.unmodifiableSet(referenced);
    }

    /** The plain references ({@code $VAR}, {@code ${VAR}}) that were unset and became "", in order. */
    public Set<String> unsetVariables() {
        return Collections.unmodifiableSet(unset);
    }

    private Optional<String> lookup(String name) {
        referenced.add(name);
        return lookup.lookup(name);
    }

    private String plain(String name) {
        Optional<String> value = lookup(name);
        if (value.isEmpty()) {
            unset.add(name);
        }
        return value.orElse("");
    }

    /** Replaces one {@code ${...}} match (which may carry text after its closing brace, see class doc). */
    private String braced(String match) {
        int closing = BracedExpression.firstClosingBrace(match);
        String expression = closing < 0 ? match : match.substring(0, closing + 1);
        String rest = closing < 0 ? "" : match.substring(closing + 1);
        BracedExpression parsed = BracedExpression.parse(expression.substring(2, expression.length() - 1));
        if (parsed.operator() == null) {
            return plain(parsed.name()) + interpolate(rest);
        }
        return apply(parsed, expression) + interpolate(rest);
    }

    private String apply(BracedExpression expression, String template) {
        String name = expression.name();
        Optional<String> value = lookup(name);
        boolean set = value.isPresent();
        boolean nonEmpty = set && !value.get().isEmpty();
        // compose-go substitutes the argument first, whether it is used or not: ${A:-${B:?}} fails even with A set
        String argument = interpolate(expression.argument());
        return switch (expression.operator()) {
            case ":-" -> nonEmpty ? value.get() : argument;
            case "-" -> set ? value.get() : argument;
            case ":+" -> nonEmpty ? argument : value.orElse("");
            case "+" -> set ? argument : "";
            case ":?" -> {
                if (!nonEmpty) {
                    throw InterpolationException.missingRequired(template, name, argument);
                }
                yield value.get();
            }
            case "?" -> {
                if (!set) {
                    throw InterpolationException.missingRequired(template, name, argument);
                }
                yield value.get();
            }
            default -> throw new IllegalStateException("unknown operator " + expression.operator());
        };
    }

    /**
     * The end (exclusive) of the {@code ${...}} starting at {@code dollar}, as compose-go's pattern
     * matches it: a name, then either <code>}</code>, or an operator and everything up to the last
     * <code>}</code> before the end of the line. -1 when there is no valid match.
     */
    public static int bracedEnd(String template, int dollar) {
        int nameStart = dollar + 2;
        int length = template.length();
        if (nameStart >= length || !isNameStart(template.charAt(nameStart))) {
            return -1;
        }
        int nameEnd = nameEnd(template, nameStart);
        if (nameEnd >= length) {
            return -1;
        }
        char after = template.charAt(nameEnd);
        if (after == '}') {
            return nameEnd + 1;
        }
        int argumentStart;
        if (after == ':' && nameEnd + 1 < length && isOperator(template.charAt(nameEnd + 1))) {
            argumentStart = nameEnd + 2;
        } else if (isOperator(after)) {
            argumentStart = nameEnd + 1;
        } else {
            return -1;
        }
        int lineEnd = template.indexOf('\n', argumentStart);
        int searchEnd = lineEnd < 0 ? length : lineEnd;
        int lastBrace = template.lastIndexOf('}', searchEnd - 1);
        return lastBrace >= argumentStart ? lastBrace + 1 : -1;
    }

    public static int nameEnd(String template, int start) {
        int end = start + 1;
        while (end < template.length() && isNameChar(template.charAt(end))) {
            end++;
        }
        return end;
    }

    public static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private static boolean isOperator(char c) {
        return c == '-' || c == '+' || c == '?';
    }
}
