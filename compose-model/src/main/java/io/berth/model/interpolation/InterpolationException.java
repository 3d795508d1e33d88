package io.berth.model.interpolation;

import java.util.Objects;

/**
 * A value that could not be interpolated. Its message is the one compose-go gives for the value
 * alone; {@link #messageAt(String)} adds the dotted path of the value the way compose-go's loader
 * does, and the caller adds file and line in front.
 */
public final class InterpolationException extends RuntimeException {

    /** Why interpolation failed. */
    public enum Kind {
        /** Bad syntax such as <code>${}</code>, <code>${VAR</code> or <code>${VAR!}</code> (compose-go InvalidTemplateError). */
        INVALID_TEMPLATE,
        /** {@code ${VAR:?err}} or {@code ${VAR?err}} with VAR missing (compose-go MissingRequiredError). */
        MISSING_REQUIRED,
        /** Expressions nested deeper than Berth follows ({@code ${A:-${A:-...}}} thousands deep). */
        TOO_DEEP
    }

    private final Kind kind;
    private final String template;
    private final String variable;
    private final String reason;

    private InterpolationException(Kind kind, String template, String variable, String reason, String message) {
        super(message);
        this.kind = kind;
        this.template = template;
        this.variable = variable;
        this.reason = reason;
    }

    static InterpolationException invalidTemplate(String template) {
        return new InterpolationException(Kind.INVALID_TEMPLATE, template, null, null,
                "Invalid template: " + GoQuote.quote(template));
    }

    static InterpolationException tooDeep(int limit) {
        return new InterpolationException(Kind.TOO_DEEP, null, null, null,
                "expressions nest deeper than " + limit + " levels (simplify the ${...} nesting)");
    }

    static InterpolationException missingRequired(String template, String variable, String reason) {
        String message = reason.isEmpty()
                ? "required variable " + variable + " is missing a value"
                : "required variable " + variable + " is missing a value: " + reason;
        return new InterpolationException(Kind.MISSING_REQUIRED, template, variable, reason, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The text that failed to interpolate (for a nested failure, the innermost text). */
    public String template() {
        return template;
    }

    /** The required variable that is missing, or null for {@link Kind#INVALID_TEMPLATE}. */
    public String variable() {
        return variable;
    }

    /** The interpolated error text after {@code :?} or {@code ?} (may be empty), or null. */
    public String reason() {
        return reason;
    }

    /**
     * The message compose-go's loader gives for the value at {@code path}, e.g.
     * {@code services.web.image}:
     * "invalid interpolation format for services.web.image.\nYou may need to escape any $ with another $.\n${"
     * or "error while interpolating services.web.image: required variable TAG is missing a value: set it".
     */
    public String messageAt(String path) {
        Objects.requireNonNull(path, "path");
        if (kind == Kind.INVALID_TEMPLATE) {
            return "invalid interpolation format for " + path + ".\nYou may need to escape any $ with another $.\n"
                    + template;
        }
        return "error while interpolating " + path + ": " + getMessage();
    }
}
