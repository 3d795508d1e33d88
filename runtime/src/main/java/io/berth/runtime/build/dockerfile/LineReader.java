package io.berth.runtime.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Dockerfile into logical lines as BuildKit's parser does: parser directives at the top,
 * comments, blank lines, continuation lines (comment and empty lines inside a continuation are
 * skipped), and reads here-documents on request.
 */
final class LineReader {
    private static final Pattern DIRECTIVE = Pattern.compile("^([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");

    private final String file;
    private final List<String> physical;
    private final List<String> problems;
    private int next;
    private boolean directivesDone;
    private char escape = '\\';
    private String syntax;
    private int syntaxLine;
    private final List<String> seenDirectives = new ArrayList<>();

    LineReader(String file, String text, List<String> problems) {
        this.file = file;
        this.problems = problems;
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        this.physical = splitKeepingNewlines(text);
    }

    private static List<String> splitKeepingNewlines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    char escape() {
        return escape;
    }

    String syntax() {
        return syntax;
    }

    int syntaxLine() {
        return syntaxLine;
    }

    int lineCount() {
        return physical.size();
    }

    private static String trimNewline(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static int leadingSpace(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isComment(String line) {
        int start = leadingSpace(line);
        return start < line.length() && line.charAt(start) == '#';
    }

    /** Reads a directive from a top line, or marks the directive block as done. */
    private void directive(String line, int lineNumber) {
        if (directivesDone) {
            return;
        }
        if (!line.startsWith("#")) {
            directivesDone = true;
            return;
        }
        Matcher matcher = DIRECTIVE.matcher(line.substring(1).stripLeading());
        if (!matcher.matches()) {
            directivesDone = true;
            return;
        }
        String name = matcher.group(1).toLowerCase(Locale.ROOT);
        if (!List.of("syntax", "escape", "check").contains(name)) {
            directivesDone = true;
            return;
        }
        if (seenDirectives.contains(name)) {
            problems.add(file + ":" + lineNumber + ":1: only one " + name + " parser directive can be used");
            return;
        }
        seenDirectives.add(name);
        String value = matcher.group(2);
        if (name.equals("escape")) {
            if (!value.equals("`") && !value.equals("\\")) {
                problems.add(file + ":" + lineNumber + ":1: invalid escape token '" + value
                        + "' does not match ` or \\");
            } else {
                escape = value.charAt(0);
            }
        } else if (name.equals("syntax")) {
            syntax = value;
            syntaxLine = lineNumber;
        }
    }

    /** The index where a trailing continuation (escape, then only blanks) starts, or -1. */
    private int continuationAt(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0 || line.charAt(end - 1) != escape) {
            return -1;
        }
        int at = end - 1;
        // BuildKit's pattern: the escape must be the whole line or follow a non-escape character
        if (at == 0 || line.charAt(at - 1) != escape) {
            return at;
        }
        return -1;
    }

    /** The next instruction's logical line, or null at the end. */
    LogicalLine nextLogical() {
        while (next < physical.size()) {
            int lineNumber = next + 1;
            String raw = trimNewline(physical.get(next++));
            int stripped = leadingSpace(raw);
            String line = raw.substring(stripped);
            directive(line, lineNumber);
            if (isComment(line)) {
                line = "";
            }
            StringBuilder text = new StringBuilder();
            List<int[]> positions = new ArrayList<>();
            StringBuilder original = new StringBuilder(raw);
            int cut = continuationAt(line);
            boolean endOfLine = cut < 0;
            String part = endOfLine ? line : line.substring(0, cut);
            if (endOfLine && part.isEmpty()) {
                continue;
            }
            append(text, positions, part, lineNumber, stripped);
            int endLine = lineNumber;
            while (!endOfLine && next < physical.size()) {
                int continuedNumber = next + 1;
                String continued = trimNewline(physical.get(next++));
                endLine = continuedNumber;
                original.append('\n').append(continued);
                if (isComment(continued) || continued.isBlank()) {
                    continue;
                }
                cut = continuationAt(continued);
                endOfLine = cut < 0;
                append(text, positions, endOfLine ? continued : continued.substring(0, cut), continuedNumber, 0);
            }
            int[] lines = new int[positions.size()];
            int[] columns = new int[positions.size()];
            for (int i = 0; i < positions.size(); i++) {
                lines[i] = positions.get(i)[0];
                columns[i] = positions.get(i)[1];
            }
            return new LogicalLine(text.toString(), lines, columns, lineNumber, endLine, original.toString());
        }
        return null;
    }

    private static void append(StringBuilder text, List<int[]> positions, String part, int line, int offset) {
        text.append(part);
        for (int i = 0; i < part.length(); i++) {
            positions.add(new int[] {line, offset + i + 1});
        }
    }

    /**
     * Reads the body of a here-document that the last logical line opened, up to its terminator.
     * Returns null (and leaves the reader at the end) when the terminator never comes.
     */
    String readHeredoc(String name, boolean chomp) {
        StringBuilder content = new StringBuilder();
        while (next < physical.size()) {
            String line = physical.get(next++);
            String candidate = trimNewline(line);
            if (chomp) {
                int tabs = 0;
                while (tabs < candidate.length() && candidate.charAt(tabs) == '\t') {
                    tabs++;
                }
                candidate = candidate.substring(tabs);
            }
            if (candidate.equals(name)) {
                return content.toString();
            }
            content.append(line);
        }
        return null;
    }

    /** The 1-based number of the last physical line read. */
    int currentLine() {
        return next;
    }
}
