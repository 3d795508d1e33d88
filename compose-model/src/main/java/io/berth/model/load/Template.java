package io.berth.model.load;

import java.util.function.Function;

/**
 * Stand-in for {@code io.berth.model.interpolation.Interpolator} (branch interp) until it lands:
 * Compose's substitution of {@code $VAR}, {@code ${VAR}}, {@code :-}, {@code -}, {@code :?}, {@code ?},
 * {@code :+}, {@code +}, nesting inside defaults, and {@code $$}.
 */
final class Template {
    /** A required variable ({@code ${VAR:?message}}) has no value. */
    static final class MissingVariable extends Exception {
        MissingVariable(String message) {
            super(message);
        }
    }

    private final Function<String, String> lookup;

    Template(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    String substitute(String text) throws MissingVariable {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int end = expand(text, 0, out, false);
        if (end < text.length()) {
            out.append(text, end, text.length());
        }
        return out.toString();
    }

    /** Expands from {@code start}; inside a braced default stops at the matching '}'. */
    private int expand(String text, int start, StringBuilder out, boolean nested) throws MissingVariable {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (nested && c == '}') {
                return i;
            }
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                i = braced(text, i + 2, out);
            } else if (isNameStart(next)) {
                int nameEnd = i + 1;
                while (nameEnd < text.length() && isNamePart(text.charAt(nameEnd))) {
                    nameEnd++;
                }
                String value = lookup.apply(text.substring(i + 1, nameEnd));
                out.append(value == null ? "" : value);
                i = nameEnd;
            } else {
                out.append(c);
                i++;
            }
        }
        return i;
    }

    private int braced(String text, int start, StringBuilder out) throws MissingVariable {
        int nameEnd = start;
        while (nameEnd < text.length() && isNamePart(text.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = text.substring(start, nameEnd);
        if (name.isEmpty() || nameEnd >= text.length()) {
            throw new MissingVariable("invalid interpolation format for \"" + text + "\"");
        }
        String value = lookup.apply(name);
        char op = text.charAt(nameEnd);
        if (op == '}') {
            out.append(value == null ? "" : value);
            return nameEnd + 1;
        }
        boolean colon = op == ':';
        int opAt = colon ? nameEnd + 1 : nameEnd;
        if (opAt >= text.length() || "-?+".indexOf(text.charAt(opAt)) < 0) {
            throw new MissingVariable("invalid interpolation format for \"" + text + "\"");
        }
        char kind = text.charAt(opAt);
        StringBuilder argument = new StringBuilder();
        int close = expand(text, opAt + 1, argument, true);
        if (close >= text.length()) {
            throw new MissingVariable("invalid interpolation format for \"" + text + "\": missing '}'");
        }
        boolean present = colon ? value != null && !value.isEmpty() : value != null;
        switch (kind) {
            case '-' -> out.append(present ? value : argument);
            case '+' -> out.append(present ? argument : "");
            default -> {
                if (!present) {
                    throw new MissingVariable("required variable " + name + " is missing a value"
                            + (argument.length() == 0 ? "" : ": " + argument));
                }
                out.append(value);
            }
        }
        return close + 1;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || Character.isLetter(c) && c < 128;
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || c >= '0' && c <= '9';
    }
}
