package io.berth.model.env;

import io.berth.model.interpolation.InterpolationException;
import io.berth.model.interpolation.Interpolator;
import io.berth.model.interpolation.VariableLookup;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Parses {@code .env} and {@code env_file} content the way compose-go v2's {@code dotenv} package does
 * ({@code dotenv/parser.go}):
 * <ul>
 * <li>a leading UTF-8 BOM is skipped; {@code \r} counts as a space, so CRLF files read like LF ones;</li>
 * <li>blank lines and lines whose first non-space character is {@code #} are skipped;</li>
 * <li>{@code KEY=VALUE}, {@code export KEY=VALUE} and the yaml-ish {@code KEY: VALUE}; spaces around the key
 *     and before the value are dropped; a key holds letters, digits, {@code _ . - [ ]} and no space;</li>
 * <li>a {@code KEY} alone on its line takes its value from the lookup, and is left out when unset;</li>
 * <li>unquoted values run to the end of the line, lose a {@code " #"} comment and trailing spaces, and are
 *     interpolated ({@code ${VAR}}, same rules as {@link Interpolator}) from the lookup, then the keys
 *     defined earlier in the same content;</li>
 * <li>single-quoted values are literal ({@code \'} is a quote); double-quoted values may span lines, turn
 *     {@code \n \t \\ \"} etc. into characters, {@code \$} into a literal {@code $}, and are interpolated;</li>
 * <li>anything after a closing quote on the same line is read as the next statement, as compose-go does
 *     (so {@code KEY="a" # note} is fine).</li>
 * </ul>
 * One deliberate difference: a {@code KEY} alone on the last line without a line break is treated like any
 * other {@code KEY} line (compose-go would read it as a value with an empty key).
 * Keys keep the order of their first definition; a later definition replaces the value.
 */
public final class DotEnv {

    private final String content;
    private final VariableLookup lookup;
    private final Map<String, String> values = new LinkedHashMap<>();
    private int position;

    private DotEnv(String content, VariableLookup lookup) {
        this.content = content.startsWith("\uFEFF") ? content.substring(1) : content;
        this.lookup = lookup;
    }

    /** Parses content without any outside variables. */
    public static Map<String, String> parse(String content) {
        return parse(content, VariableLookup.none());
    }

    /**
     * Parses content; {@code lookup} supplies {@code KEY}-alone values and the variables that
     * interpolation does not find among the keys defined earlier in this content.
     *
     * @return the variables in definition order, unmodifiable
     * @throws DotEnvException with the line of the first problem
     */
    public static Map<String, String> parse(String content, VariableLookup lookup) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(lookup, "lookup");
        DotEnv parser = new DotEnv(content, lookup);
        parser.parseAll();
        return Collections.unmodifiableMap(parser.values);
    }

    private void parseAll() {
        while (skipToStatement()) {
            parseStatement();
        }
    }

    /** Moves to the next statement, past white space and comment lines; false at the end. */
    private boolean skipToStatement() {
        while (true) {
            while (position < content.length() && Character.isWhitespace(content.charAt(position))
                    || position < content.length() && isSpace(content.charAt(position))) {
                position++;
            }
            if (position >= content.length()) {
                return false;
            }
            if (content.charAt(position) != '#') {
                return true;
            }
            int lineEnd = content.indexOf('\n', position);
            if (lineEnd < 0) {
                position = content.length();
                return false;
            }
            position = lineEnd;
        }
    }

    private void parseStatement() {
        int statementLine = lineAt(position);
        skipExportPrefix();
        int keyStart = position;
        int terminator = findKeyEnd(statementLine);
        String key = content.substring(keyStart, terminator).strip();
        if (key.indexOf(' ') >= 0) {
            throw new DotEnvException(statementLine, "key cannot contain a space");
        }
        boolean inherited = terminator >= content.length() || content.charAt(terminator) == '\n';
        position = Math.min(terminator + 1, content.length());
        if (inherited) {
            lookup.lookup(key).ifPresent(value -> values.put(key, value));
            return;
        }
        while (position < content.length() && isSpace(content.charAt(position))) {
            position++;
        }
        values.put(key, readValue());
    }

    private void skipExportPrefix() {
        if (content.startsWith("export", position) && position + 6 < content.length()
                && " \t\n\f\r".indexOf(content.charAt(position + 6)) >= 0) {
            position += 6;
            while (position < content.length() && isSpace(content.charAt(position))) {
                position++;
            }
        }
    }

    /** The index of the {@code =}, {@code :} or line break ending the key (the content length at the end). */
    private int findKeyEnd(int statementLine) {
        for (int i = position; i < content.length(); i++) {
            char c = content.charAt(i);
            if (isSpace(c) || isKeyChar(c)) {
                continue;
            }
            if (c == '=' || c == ':' || c == '\n') {
                return i;
            }
            int lineEnd = content.indexOf('\n', position);
            String line = content.substring(position, lineEnd < 0 ? content.length() : lineEnd);
            throw new DotEnvException(statementLine, "unexpected character " + GoStrings.quote(String.valueOf(c))
                    + " in variable name " + GoStrings.quote(line));
        }
        return content.length();
    }

    private String readValue() {
        int valueLine = lineAt(position);
        char first = position < content.length() ? content.charAt(position) : '\0';
        if (first != '"' && first != '\'') {
            int lineEnd = content.indexOf('\n', position);
            int end = lineEnd < 0 ? content.length() : lineEnd;
            String raw = content.substring(position, end);
            position = end;
            int comment = raw.indexOf(" #");
            if (comment >= 0) {
                raw = raw.substring(0, comment);
            }
            return interpolate(stripTrailingSpace(raw), valueLine);
        }
        String quoted = readQuoted(first, valueLine);
        return first == '\'' ? quoted : interpolate(DotEnvEscapes.expand(quoted), valueLine);
    }

    /** compose-go's {@code extractQuotedValue}: a backslash before the quote drops, before others stays. */
    private String readQuoted(char quote, int valueLine) {
        StringBuilder value = new StringBuilder();
        boolean escaped = false;
        for (int i = position + 1; i < content.length(); i++) {
            char c = content.charAt(i);
            if (escaped) {
                escaped = false;
                if (c != quote) {
                    value.append('\\');
                }
                value.append(c);
            } else if (c == '\\') {
                escaped = true;
            } else if (c == quote) {
                position = i + 1;
                return value.toString();
            } else {
                value.append(c);
            }
        }
        int lineEnd = content.indexOf('\n', position);
        throw new DotEnvException(valueLine, "unterminated quoted value "
                + content.substring(position, lineEnd < 0 ? content.length() : lineEnd));
    }

    private String interpolate(String value, int valueLine) {
        VariableLookup earlierKeys = name -> Optional.ofNullable(values.get(name));
        try {
            // the lookup (the environment, earlier files) wins over this content's own keys, as in compose-go
            return Interpolator.interpolate(value, lookup.orElse(earlierKeys));
        } catch (InterpolationException e) {
            throw new DotEnvException(valueLine, e.getMessage(), e);
        }
    }

    private int lineAt(int index) {
        int line = 1;
        for (int i = 0; i < index && i < content.length(); i++) {
            if (content.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String stripTrailingSpace(String text) {
        int end = text.length();
        while (end > 0 && (Character.isWhitespace(text.charAt(end - 1)) || isSpace(text.charAt(end - 1)))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** compose-go's {@code isSpace}: white space other than the line break. */
    private static boolean isSpace(char c) {
        return c == '\t' || c == '\u000b' || c == '\f' || c == '\r' || c == ' ' || c == '\u0085' || c == '\u00a0';
    }

    private static boolean isKeyChar(char c) {
        return c == '_' || c == '.' || c == '-' || c == '[' || c == ']' || Character.isLetterOrDigit(c);
    }
}
