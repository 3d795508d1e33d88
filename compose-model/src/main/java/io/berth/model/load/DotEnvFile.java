package io.berth.model.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stand-in for {@code io.berth.model.env.DotEnv} (branch interp): {@code .env} syntax as Compose
 * reads it: comments, {@code export}, single quotes (literal), double quotes (escapes), inline
 * {@code #} comments after blanks in unquoted values, {@code KEY} alone (unset).
 */
final class DotEnvFile {
    private DotEnvFile() {
    }

    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                values.put(line, null);
                continue;
            }
            String key = line.substring(0, equals).strip();
            String raw = line.substring(equals + 1).stripLeading();
            if (raw.startsWith("\"") || raw.startsWith("'")) {
                char quote = raw.charAt(0);
                StringBuilder value = new StringBuilder(raw.substring(1));
                // a quoted value may span lines
                while (value.indexOf(String.valueOf(quote)) < 0 && n + 1 < lines.length) {
                    value.append('\n').append(lines[++n]);
                }
                int close = value.indexOf(String.valueOf(quote));
                String inner = close < 0 ? value.toString() : value.substring(0, close);
                values.put(key, quote == '"' ? unescape(inner) : inner);
            } else {
                int comment = raw.indexOf(" #");
                values.put(key, (comment < 0 ? raw : raw.substring(0, comment)).strip());
            }
        }
        return values;
    }

    private static String unescape(String text) {
        return text.replace("\\n", "\n").replace("\\t", "\t").replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
