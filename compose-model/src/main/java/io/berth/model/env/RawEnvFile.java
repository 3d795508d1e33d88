package io.berth.model.env;

import io.berth.model.interpolation.VariableLookup;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Parses an {@code env_file} declared with {@code format: raw}: Compose v2 then reads it with docker/cli's
 * {@code kvfile} parser (the one of {@code docker run --env-file}), which neither unquotes nor interpolates:
 * <ul>
 * <li>leading white space is dropped; empty lines and lines starting with {@code #} are skipped;</li>
 * <li>{@code KEY=VALUE}: the value is kept exactly, quotes, {@code $} and trailing spaces included;</li>
 * <li>a line without {@code =} takes its value from the lookup (left out when unset);</li>
 * <li>a key with a space or tab, or an empty key, is an error; a UTF-8 BOM on the first line is dropped.</li>
 * </ul>
 */
public final class RawEnvFile {

    private RawEnvFile() {
    }

    /**
     * Parses raw env-file content.
     *
     * @return the variables in order of first definition, unmodifiable
     * @throws DotEnvException "line N: poorly formatted environment: variable 'A B' contains whitespaces"
     */
    public static Map<String, String> parse(String content, VariableLookup lookup) {
        Objects.requireNonNull(lookup, "lookup");
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        Map<String, String> values = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int index = 0; index < lines.length; index++) {
            String line = stripLeadingWhitespace(stripCarriageReturn(lines[index]));
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            String variable = stripLeadingBlanks(equals < 0 ? line : line.substring(0, equals));
            if (variable.indexOf(' ') >= 0 || variable.indexOf('\t') >= 0) {
                throw new DotEnvException(index + 1,
                        "poorly formatted environment: variable '" + variable + "' contains whitespaces");
            }
            if (variable.isEmpty()) {
                throw new DotEnvException(index + 1, "poorly formatted environment: no variable name on line '" + line + "'");
            }
            if (equals >= 0) {
                values.put(variable, line.substring(equals + 1));
            } else {
                // docker/cli looks up the whole (left-trimmed) line, as here
                lookup.lookup(line).ifPresent(value -> values.put(variable.strip(), value));
            }
        }
        return Collections.unmodifiableMap(values);
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String stripLeadingWhitespace(String line) {
        int start = 0;
        while (start < line.length() && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        return line.substring(start);
    }

    private static String stripLeadingBlanks(String text) {
        int start = 0;
        while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        return text.substring(start);
    }
}
