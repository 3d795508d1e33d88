package io.berth.runtime.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The comma-separated fields of a {@code RUN --mount} value, and a first check of them. */
public final class MountSyntax {
    private static final Set<String> TYPES = Set.of("bind", "cache", "tmpfs", "secret", "ssh");
    private static final Set<String> KEYS = Set.of("type", "from", "source", "src", "target", "dst", "destination",
            "readonly", "ro", "readwrite", "rw", "id", "sharing", "required", "size", "mode", "uid", "gid", "env");

    private MountSyntax() {
    }

    /** The CSV fields of {@code value} (double quotes group, as Go's csv reader does). */
    public static List<String> fields(String value) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < value.length() && value.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** A problem with the mount's fields, or null. */
    static String check(String value) {
        for (String field : fields(value)) {
            int equals = field.indexOf('=');
            String key = (equals < 0 ? field : field.substring(0, equals)).toLowerCase(Locale.ROOT);
            if (equals < 0) {
                if (!Set.of("readonly", "ro", "readwrite", "rw", "required").contains(key)) {
                    return "invalid field '" + field + "' must be a key=value pair";
                }
                continue;
            }
            if (!KEYS.contains(key)) {
                return "unexpected key '" + key + "' in '" + field + "'" + Suggestions.didYouMean(key, KEYS);
            }
            String fieldValue = field.substring(equals + 1);
            if (key.equals("type") && !TYPES.contains(fieldValue.toLowerCase(Locale.ROOT))) {
                return "unsupported mount type \"" + fieldValue + "\" (bind, cache, tmpfs, secret or ssh)";
            }
        }
        return null;
    }
}
