package io.berth.runtime.build.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.berth.runtime.build.shell.ShellLexer;
import io.berth.runtime.build.shell.SubstitutionException;
import io.berth.runtime.state.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns one logical line into an {@link Instruction}: keyword, flags, words by the keyword's rule. */
final class InstructionReader {
    private static final ObjectReader JSON = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern HEREDOC = Pattern.compile("^(\\d*)<<(-?)\\s*([^<]*)$", Pattern.DOTALL);
    private static final Set<String> HEREDOC_KEYWORDS = Set.of("ADD", "COPY", "RUN");
    static final Set<String> KEYWORDS = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
            "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");

    private final String file;
    private final char escape;
    private final List<String> problems;

    InstructionReader(String file, char escape, List<String> problems) {
        this.file = file;
        this.escape = escape;
        this.problems = problems;
    }

    private void problem(SourcePosition position, String message) {
        problems.add(position + ": " + message);
    }

    /** The words and JSON flag of an instruction's arguments, by BuildKit's rule for the keyword. */
    record Arguments(List<String> words, boolean json) {
    }

    /** The instruction on {@code line}, or null when it is not one (problems recorded). */
    Instruction read(LogicalLine line, LineReader reader) {
        String text = line.text();
        int keywordStart = 0;
        while (keywordStart < text.length() && Character.isWhitespace(text.charAt(keywordStart))) {
            keywordStart++;
        }
        int keywordEnd = keywordStart;
        while (keywordEnd < text.length() && !isBlank(text.charAt(keywordEnd))) {
            keywordEnd++;
        }
        String keyword = text.substring(keywordStart, keywordEnd).toUpperCase(Locale.ROOT);
        SourcePosition position = line.position(file, keywordStart);
        int restStart = keywordEnd;
        while (restStart < text.length() && isBlank(text.charAt(restStart))) {
            restStart++;
        }
        String rest = text.substring(restStart);
        Words.Flags extracted = Words.extractFlags(rest, escape);
        List<Flag> flags = new ArrayList<>();
        for (Words.FlagWord word : extracted.flags()) {
            SourcePosition flagPosition = line.position(file, restStart + word.start());
            if (!word.text().startsWith("--")) {
                problem(flagPosition, keyword + ": flag should start with --: " + word.text());
                continue;
            }
            int equals = word.text().indexOf('=');
            String name = equals < 0 ? word.text().substring(2) : word.text().substring(2, equals);
            String value = equals < 0 ? null : word.text().substring(equals + 1);
            flags.add(new Flag(name, value, flagPosition));
        }
        String arguments = rest.substring(Math.min(extracted.argumentsStart(), rest.length())).strip();
        if (!KEYWORDS.contains(keyword)) {
            problem(position, "unknown instruction: " + text.substring(keywordStart, keywordEnd)
                    + Suggestions.didYouMean(keyword, KEYWORDS));
            return null;
        }
        Arguments parsed = arguments(keyword, arguments, position);
        if (parsed == null) {
            return null;
        }
        List<Heredoc> heredocs = List.of();
        boolean json = parsed.json();
        String heredocKeyword = keyword;
        if (keyword.equals("ONBUILD")) {
            String[] sub = arguments.split("[\\t\\x0B\\f\\r ]+", 2);
            heredocKeyword = sub[0].toUpperCase(Locale.ROOT);
            String subRest = sub.length > 1 ? sub[1] : "";
            Words.Flags subFlags = Words.extractFlags(subRest, escape);
            json = isJsonArray(subRest.substring(Math.min(subFlags.argumentsStart(), subRest.length())).strip());
        }
        if (HEREDOC_KEYWORDS.contains(heredocKeyword) && !json && text.contains("<<")) {
            heredocs = heredocs(text, line, reader, position);
        }
        List<String> words = parsed.words();
        if (keyword.equals("ONBUILD")) {
            StringBuilder expression = new StringBuilder(text.replaceFirst("(?i)^\\s*ONBUILD\\s*", ""));
            for (Heredoc heredoc : heredocs) {
                expression.append('\n').append(heredoc.content()).append(heredoc.name());
            }
            words = List.of(expression.toString());
        }
        return new Instruction(keyword, flags, arguments, words, parsed.json(), heredocs, position,
                line.original());
    }

    private static boolean isJsonArray(String text) {
        if (!text.startsWith("[")) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isArray();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static boolean isBlank(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == 0x0B;
    }

    Arguments arguments(String keyword, String rest, SourcePosition position) {
        switch (keyword) {
            case "ADD", "COPY", "VOLUME": {
                Arguments json = json(rest, position, keyword);
                if (json != null) {
                    return json.words() == null ? null : json;
                }
                return new Arguments(Words.splitBlanks(rest), false);
            }
            case "CMD", "ENTRYPOINT", "RUN", "SHELL": {
                if (rest.isEmpty()) {
                    return new Arguments(List.of(), false);
                }
                Arguments json = json(rest, position, keyword);
                if (json != null) {
                    return json.words() == null ? null : json;
                }
                return new Arguments(List.of(rest), false);
            }
            case "HEALTHCHECK": {
                String[] parts = rest.split("\\s+", 2);
                if (rest.isEmpty()) {
                    return new Arguments(List.of(), false);
                }
                List<String> words = new ArrayList<>(List.of(parts[0]));
                String command = parts.length > 1 ? parts[1] : "";
                if (!command.isEmpty()) {
                    Arguments json = json(command, position, keyword);
                    if (json != null) {
                        if (json.words() == null) {
                            return null;
                        }
                        words.addAll(json.words());
                        return new Arguments(words, true);
                    }
                    words.add(command);
                }
                return new Arguments(words, false);
            }
            case "ENV", "LABEL":
                return nameValues(keyword, rest, position);
            case "ARG":
                return new Arguments(Words.parseWords(rest, escape), false);
            case "EXPOSE", "FROM":
                return new Arguments(Words.splitBlanks(rest), false);
            default:
                return new Arguments(rest.isEmpty() ? List.of() : List.of(rest), false);
        }
    }

    /** The JSON array's strings, null when the text is no JSON array, words null after a problem. */
    private Arguments json(String rest, SourcePosition position, String keyword) {
        if (!rest.startsWith("[")) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(rest);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (node == null || !node.isArray()) {
            return null;
        }
        List<String> words = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                problem(position, keyword + ": when using JSON array syntax, arrays must be comprised of strings only");
                return new Arguments(null, true);
            }
            words.add(element.asText());
        }
        return new Arguments(words, true);
    }

    /** ENV and LABEL: {@code key value} (old form) or {@code key=value ...}, flattened key, value. */
    private Arguments nameValues(String keyword, String rest, SourcePosition position) {
        List<String> words = Words.parseWords(rest, escape);
        if (words.isEmpty()) {
            return new Arguments(List.of(), false);
        }
        List<String> flat = new ArrayList<>();
        if (!words.get(0).contains("=")) {
            String[] parts = rest.split("[\\t\\x0B\\f\\r ]+", 2);
            if (parts.length < 2) {
                problem(position, keyword + " must have two arguments (" + keyword + " name=value)");
                return null;
            }
            flat.add(parts[0]);
            flat.add(parts[1]);
            return new Arguments(flat, false);
        }
        for (String word : words) {
            int equals = word.indexOf('=');
            if (equals < 0) {
                problem(position, keyword + ": syntax error - can't find = in \"" + word
                        + "\" (must be of the form name=value)");
                return null;
            }
            flat.add(word.substring(0, equals));
            flat.add(word.substring(equals + 1));
        }
        return new Arguments(flat, false);
    }

    /** The here-documents the line opens, with their bodies read from the following lines. */
    private List<Heredoc> heredocs(String text, LogicalLine line, LineReader reader, SourcePosition position) {
        List<String> words;
        try {
            words = new ShellLexer('\\', true, true, true).processWords(text, Map.of()).words();
        } catch (SubstitutionException e) {
            words = List.of();
        }
        List<Heredoc> docs = new ArrayList<>();
        for (String word : words) {
            Heredoc opened;
            try {
                opened = opening(word);
            } catch (SubstitutionException e) {
                problem(position, "bad heredoc " + word + ": " + e.getMessage());
                continue;
            }
            if (opened == null) {
                continue;
            }
            String content = reader.readHeredoc(opened.name(), opened.chomp());
            if (content == null) {
                problem(position, "unterminated heredoc <<" + opened.name() + " (no line \"" + opened.name()
                        + "\" closes it)");
                return docs;
            }
            docs.add(new Heredoc(opened.name(), content, opened.expand(), opened.chomp()));
        }
        return docs;
    }

    /** The heredoc a word like {@code <<EOF}, {@code <<-"EOF"} opens, content empty; null if none. */
    static Heredoc opening(String word) throws SubstitutionException {
        Matcher matcher = HEREDOC.matcher(word);
        if (!matcher.matches() || matcher.group(3).isEmpty()) {
            return null;
        }
        String rest = matcher.group(3);
        List<String> plain = new ShellLexer('\\', false, false, true).processWords(rest, Map.of()).words();
        if (plain.size() != 1) {
            return null;
        }
        List<String> raw = new ShellLexer('\\', true, false, true).processWords(rest, Map.of()).words();
        String name = plain.get(0);
        boolean expand = quotes(name) == quotes(raw.get(0));
        return new Heredoc(name, "", expand, matcher.group(2).equals("-"));
    }

    private static long quotes(String word) {
        return word.chars().filter(ch -> ch == '\'' || ch == '"').count();
    }
}
