package io.berth.runtime.build.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One pass of {@link ShellLexer} over a text: a port of BuildKit's shellWord scanner. */
final class WordScan {
    private static final int EOF = -1;

    record Result(String text, List<String> words) {
    }

    private final ShellLexer lexer;
    private final String source;
    private final Map<String, String> env;
    private int position;
    private boolean rawEscapes;
    final Set<String> used = new LinkedHashSet<>();

    WordScan(ShellLexer lexer, String source, Map<String, String> env) {
        this.lexer = lexer;
        this.source = source;
        this.env = env;
        this.rawEscapes = lexer.rawEscapes();
    }

    Result run() throws SubstitutionException {
        try {
            return stopOn(EOF, rawEscapes);
        } catch (SubstitutionException e) {
            throw new SubstitutionException("failed to process \"" + source + "\": " + e.getMessage());
        }
    }

    private int peek() {
        return position < source.length() ? source.charAt(position) : EOF;
    }

    private int next() {
        return position < source.length() ? source.charAt(position++) : EOF;
    }

    /** Words split on blanks outside quotes; a quoted or escaped character always joins the word. */
    private static final class Words {
        final StringBuilder buffer = new StringBuilder();
        final List<String> words = new ArrayList<>();
        boolean inWord;

        void add(int ch) {
            if (Character.isWhitespace(ch) && inWord) {
                if (buffer.length() != 0) {
                    words.add(buffer.toString());
                    buffer.setLength(0);
                    inWord = false;
                }
            } else if (!Character.isWhitespace(ch)) {
                addRaw(ch);
            }
        }

        void addRaw(int ch) {
            buffer.append((char) ch);
            inWord = true;
        }

        void addString(String text) {
            text.chars().forEach(this::add);
        }

        void addRawString(String text) {
            buffer.append(text);
            inWord = true;
        }

        List<String> get() {
            if (buffer.length() > 0) {
                words.add(buffer.toString());
                buffer.setLength(0);
                inWord = false;
            }
            return words;
        }
    }

    private Result stopOn(int stopChar, boolean raw) throws SubstitutionException {
        boolean savedRaw = rawEscapes;
        rawEscapes = raw;
        try {
            StringBuilder result = new StringBuilder();
            Words words = new Words();
            while (peek() != EOF) {
                int ch = peek();
                if (stopChar != EOF && ch == stopChar) {
                    next();
                    return new Result(result.toString(), words.get());
                }
                boolean quote = (ch == '\'' || ch == '"') && !lexer.skipProcessQuotes();
                if (ch == '$' || ch == '<' || quote) {
                    String part = switch (ch) {
                        case '$' -> dollar();
                        case '<' -> possibleHeredoc();
                        case '\'' -> singleQuote();
                        default -> doubleQuote();
                    };
                    result.append(part);
                    if (ch == '$') {
                        words.addString(part);
                    } else {
                        words.addRawString(part);
                    }
                    continue;
                }
                ch = next();
                if (ch == lexer.escape()) {
                    if (rawEscapes) {
                        words.addRaw(ch);
                        result.append((char) ch);
                    }
                    ch = next();
                    if (ch == EOF) {
                        break;
                    }
                    words.addRaw(ch);
                } else {
                    words.add(ch);
                }
                result.append((char) ch);
            }
            if (stopChar != EOF) {
                throw new SubstitutionException("unexpected end of statement while looking for matching "
                        + (char) stopChar);
            }
            return new Result(result.toString(), words.get());
        } finally {
            rawEscapes = savedRaw;
        }
    }

    private String singleQuote() throws SubstitutionException {
        StringBuilder result = new StringBuilder();
        int ch = next();
        if (lexer.rawQuotes()) {
            result.append((char) ch);
        }
        while (true) {
            ch = next();
            if (ch == EOF) {
                throw new SubstitutionException("unexpected end of statement while looking for matching single-quote");
            }
            if (ch == '\'') {
                if (lexer.rawQuotes()) {
                    result.append((char) ch);
                }
                return result.toString();
            }
            result.append((char) ch);
        }
    }

    private String doubleQuote() throws SubstitutionException {
        StringBuilder result = new StringBuilder();
        int ch = next();
        if (lexer.rawQuotes()) {
            result.append((char) ch);
        }
        while (true) {
            int peeked = peek();
            if (peeked == EOF) {
                throw new SubstitutionException("unexpected end of statement while looking for matching double-quote");
            } else if (peeked == '"') {
                ch = next();
                if (lexer.rawQuotes()) {
                    result.append((char) ch);
                }
                return result.toString();
            } else if (peeked == '$') {
                result.append(dollar());
            } else {
                ch = next();
                if (ch == lexer.escape()) {
                    if (rawEscapes) {
                        result.append((char) ch);
                    }
                    int after = peek();
                    if (after == EOF) {
                        continue;
                    }
                    if (after == '"' || after == '$' || after == lexer.escape()) {
                        ch = next();
                    }
                }
                result.append((char) ch);
            }
        }
    }

    private String possibleHeredoc() {
        next();
        if (peek() != '<') {
            return "<";
        }
        next();
        StringBuilder space = new StringBuilder();
        while (peek() == '\t' || peek() == '\r' || peek() == ' ') {
            space.append((char) next());
        }
        return "<<" + space;
    }

    private String dollar() throws SubstitutionException {
        next();
        if (peek() != '{') {
            String name = name();
            if (name.isEmpty()) {
                return "$";
            }
            String value = lookup(name);
            if (value == null && lexer.skipUnsetEnv()) {
                return "$" + name;
            }
            return value == null ? "" : value;
        }
        next();
        int first = peek();
        if (first == EOF) {
            throw new SubstitutionException("syntax error: missing '}'");
        }
        if (first == '{' || first == '}' || first == ':') {
            throw new SubstitutionException("syntax error: bad substitution");
        }
        String name = name();
        int ch = next();
        return ParameterExpansion.expand(this, name, ch);
    }

    /** Reads the rest of a ${name...} after its operator character {@code op}. */
    String readUntil(int stop, boolean raw) throws SubstitutionException {
        try {
            return stopOn(stop, raw).text();
        } catch (SubstitutionException e) {
            if (peek() == EOF) {
                throw new SubstitutionException(stop == '}' ? "syntax error: missing '}'" : "syntax error: missing '/' in ${}");
            }
            throw e;
        }
    }

    int nextChar() {
        return next();
    }

    int peekChar() {
        return peek();
    }

    boolean skipUnset() {
        return lexer.skipUnsetEnv();
    }

    private String name() {
        StringBuilder name = new StringBuilder();
        while (peek() != EOF) {
            int ch = peek();
            if (name.length() == 0 && Character.isDigit(ch)) {
                while (peek() != EOF && Character.isDigit(peek())) {
                    name.append((char) next());
                }
                return name.toString();
            }
            if (name.length() == 0 && "@*#?-$!0".indexOf(ch) >= 0) {
                return String.valueOf((char) next());
            }
            if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
                break;
            }
            name.append((char) next());
        }
        return name.toString();
    }

    /** The value of {@code name}, or null when unset; records the name as used. */
    String lookup(String name) {
        used.add(name);
        return env.get(name);
    }
}
