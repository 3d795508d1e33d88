package io.berth.cli.compose;

import io.berth.cli.JsonOutput;
import io.berth.cli.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The subset of Go templates that people script {@code --format} with, rendered as docker's
 * formatter does: fields ({@code {{.Name}}}), string literals ({@code {{"\t"}}}), and the functions
 * {@code json}, {@code upper}, {@code lower}, {@code title}, {@code join}, {@code index}. A {@code table} prefix
 * prints a header of the fields' names and aligns the columns; {@code \t} and {@code \n} typed
 * literally in the format are a tab and a newline, as docker reads them.
 */
public final class GoTemplate {
    private final List<Object> parts;
    private final boolean table;

    private GoTemplate(List<Object> parts, boolean table) {
        this.parts = parts;
        this.table = table;
    }

    /** A word of an action: a field path, a literal, or a function name. */
    private record Action(List<String> words) {
    }

    public static GoTemplate parse(String format) {
        String text = format.replace("\\t", "\t").replace("\\n", "\n");
        boolean table = text.startsWith("table");
        if (table) {
            text = text.substring("table".length()).stripLeading();
        }
        List<Object> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                parts.add(text.substring(at));
                break;
            }
            parts.add(text.substring(at, open));
            int close = text.indexOf("}}", open);
            if (close < 0) {
                throw new ExitCodes.UsageException("--format: unclosed action in template \"" + format + "\"");
            }
            parts.add(new Action(words(text.substring(open + 2, close).strip(), format)));
            at = close + 2;
        }
        return new GoTemplate(parts, table);
    }

    public boolean isTable() {
        return table;
    }

    /** The header row of a table: each field's name in capitals, as docker titles its columns. */
    public String header() {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Action action) {
                String field = action.words().stream().filter(word -> word.startsWith(".")).findFirst().orElse(".");
                out.append(headerOf(field.substring(1)));
            } else {
                out.append(part);
            }
        }
        return out.toString();
    }

    public String render(Map<String, Object> data) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            out.append(part instanceof Action action ? text(evaluate(action.words(), data)) : part);
        }
        return out.toString();
    }

    private static Object evaluate(List<String> words, Map<String, Object> data) {
        String first = words.get(0);
        List<Object> arguments = new ArrayList<>();
        for (String word : words.subList(1, words.size())) {
            arguments.add(value(word, data));
        }
        return switch (first) {
            case "json" -> JsonOutput.compact(arguments.isEmpty() ? null : arguments.get(0));
            case "upper" -> String.valueOf(arguments.get(0)).toUpperCase(Locale.ROOT);
            case "lower" -> String.valueOf(arguments.get(0)).toLowerCase(Locale.ROOT);
            case "title" -> title(String.valueOf(arguments.get(0)));
            case "join" -> arguments.get(0) instanceof List<?> list
                    ? String.join(arguments.size() > 1 ? String.valueOf(arguments.get(1)) : "", list.stream().map(String::valueOf).toList())
                    : String.valueOf(arguments.get(0));
            case "index" -> index(arguments);
            default -> value(first, data);
        };
    }

    /** {@code index LIST N} or {@code index MAP KEY}, as Go's: out of range is an error. */
    private static Object index(List<Object> arguments) {
        if (arguments.size() != 2) {
            throw new ExitCodes.UsageException("--format: index wants a list or map and one index");
        }
        Object collection = arguments.get(0);
        Object key = arguments.get(1);
        if (collection instanceof Map<?, ?> map) {
            return map.get(String.valueOf(key));
        }
        if (collection instanceof List<?> list) {
            int at;
            try {
                at = Integer.parseInt(String.valueOf(key));
            } catch (NumberFormatException e) {
                throw new ExitCodes.UsageException("--format: index of a list wants a number, not " + key);
            }
            if (at < 0 || at >= list.size()) {
                throw new ExitCodes.UsageException("--format: error calling index: index out of range: " + at);
            }
            return list.get(at);
        }
        throw new ExitCodes.UsageException("--format: can't index item of type " + (collection == null ? "nil" : collection.getClass().getSimpleName()));
    }

    private static Object value(String word, Map<String, Object> data) {
        if (word.matches("-?[0-9]+")) {
            return word; // a number literal (index .RepoTags 0)
        }
        if (word.startsWith("\"")) {
            return word.substring(1, word.length() - 1);
        }
        if (word.equals(".")) {
            return data;
        }
        Object current = data;
        for (String name : word.substring(1).split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(name)) {
                throw new ExitCodes.UsageException("--format: can't evaluate field " + name
                        + " (fields: " + String.join(", ", data.keySet()) + ")");
            }
            current = map.get(name);
        }
        return current;
    }

    private static List<String> words(String action, String format) {
        List<String> words = new ArrayList<>();
        int at = 0;
        while (at < action.length()) {
            char c = action.charAt(at);
            if (c == ' ') {
                at++;
            } else if (c == '"') {
                int end = at + 1;
                StringBuilder literal = new StringBuilder("\"");
                while (end < action.length() && action.charAt(end) != '"') {
                    char next = action.charAt(end);
                    if (next == '\\' && end + 1 < action.length()) {
                        char escaped = action.charAt(++end);
                        literal.append(escaped == 't' ? '\t' : escaped == 'n' ? '\n' : escaped);
                    } else {
                        literal.append(next);
                    }
                    end++;
                }
                words.add(literal.append('"').toString());
                at = end + 1;
            } else {
                int end = action.indexOf(' ', at);
                end = end < 0 ? action.length() : end;
                words.add(action.substring(at, end));
                at = end;
            }
        }
        if (words.isEmpty()) {
            throw new ExitCodes.UsageException("--format: empty action in template \"" + format + "\"");
        }
        String first = words.get(0);
        boolean known = first.startsWith(".") || first.startsWith("\"")
                || List.of("json", "upper", "lower", "title", "join", "index").contains(first);
        if (!known) {
            throw new ExitCodes.UsageException("--format: function \"" + first + "\" not defined (known: json, upper, lower, title, join, index)");
        }
        return words;
    }

    private static String headerOf(String field) {
        return switch (field) {
            case "ID" -> "CONTAINER ID";
            case "RunningFor", "Created" -> "CREATED";
            case "CreatedAt" -> "CREATED AT";
            case "CPUPerc" -> "CPU %";
            case "MemPerc" -> "MEM %";
            case "MemUsage" -> "MEM USAGE / LIMIT";
            case "NetIO" -> "NET I/O";
            case "BlockIO" -> "BLOCK I/O";
            case "PIDs" -> "PIDS";
            case "" -> "";
            default -> field.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
        };
    }

    private static String title(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A value as a Go template prints it: text as is, collections as JSON, nothing as docker's "<no value>". */
    private static String text(Object value) {
        if (value == null) {
            return "<no value>";
        }
        return value instanceof java.util.Map || value instanceof java.util.List ? JsonOutput.compact(value)
                : String.valueOf(value);
    }
}
