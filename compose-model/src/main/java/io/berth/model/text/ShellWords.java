package io.berth.model.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a {@code command:}, {@code entrypoint:} or healthcheck string into words as Docker Compose v2 does:
 * compose-go hands it to {@code mattn/go-shellwords} v1.0.12 {@code Parse} with variable and backtick
 * expansion off. Its rules, kept here even where they differ from a shell:
 * <ul>
 * <li>words are separated by unquoted spaces, tabs, CR and LF;</li>
 * <li>single quotes keep everything literally, backslashes included;</li>
 * <li>outside single quotes a backslash makes the next character literal, also inside double quotes
 *     ({@code "a\b"} is {@code ab}); a trailing backslash is an error;</li>
 * <li>{@code ""} and {@code ''} make an empty word;</li>
 * <li>{@code $VAR}, {@code ${VAR}} and backticks are kept as they are ({@code $(...)} too, spaces inside
 *     included); an unquoted {@code (} not right after {@code $} is an error;</li>
 * <li>an unquoted {@code ; & | < >} ends the command: it and everything after it are dropped, and a
 *     word of digits right before {@code >} (as in {@code 2>}) too, so {@code "a && b"} gives {@code [a]};</li>
 * <li>an unterminated quote, backtick or {@code $(} is an error.</li>
 * </ul>
 */
public final class ShellWords {

    private ShellWords() {
    }

    /**
     * Splits {@code command} into words.
     *
     * @throws ShellWordsException when quotes, backticks or {@code $(} are not closed, on a trailing backslash
     *                             or a stray parenthesis
     */
    public static List<String> split(String command) {
        Objects.requireNonNull(command, "command");
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean escaped = false;
        boolean doubleQuoted = false;
        boolean singleQuoted = false;
        boolean backQuoted = false;
        boolean dollarQuoted = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (escaped) {
                word.append(c);
                escaped = false;
                inWord = true;
                continue;
            }
            if (c == '\\') {
                if (singleQuoted) {
                    word.append(c);
                } else {
                    escaped = true;
                }
                continue;
            }
            boolean quoted = singleQuoted || doubleQuoted || backQuoted || dollarQuoted;
            if (isSpace(c)) {
                if (quoted) {
                    word.append(c);
                } else if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            switch (c) {
                case '`' -> {
                    if (!singleQuoted && !doubleQuoted && !dollarQuoted) {
                        backQuoted = !backQuoted;
                    }
                }
                case ')' -> {
                    if (!singleQuoted && !doubleQuoted && !backQuoted) {
                        dollarQuoted = !dollarQuoted;
                    }
                }
                case '(' -> {
                    if (!singleQuoted && !doubleQuoted && !backQuoted) {
                        if (dollarQuoted || word.length() == 0 || word.charAt(word.length() - 1) != '$') {
                            throw new ShellWordsException(command);
                        }
                        dollarQuoted = true;
                        word.append(c);
                        continue;
                    }
                }
                case '"' -> {
                    if (!singleQuoted && !dollarQuoted) {
                        inWord |= doubleQuoted;
                        doubleQuoted = !doubleQuoted;
                        continue;
                    }
                }
                case '\'' -> {
                    if (!doubleQuoted && !dollarQuoted) {
                        inWord |= singleQuoted;
                        singleQuoted = !singleQuoted;
                        continue;
                    }
                }
                case ';', '&', '|', '<', '>' -> {
                    if (!quoted) {
                        if (c == '>' && word.length() > 0 && word.charAt(0) >= '0' && word.charAt(0) <= '9') {
                            inWord = false;
                        }
                        return finish(words, word, inWord, false, command);
                    }
                }
                default -> {
                }
            }
            inWord = true;
            word.append(c);
        }
        boolean open = escaped || singleQuoted || doubleQuoted || backQuoted || dollarQuoted;
        return finish(words, word, inWord, open, command);
    }

    private static List<String> finish(List<String> words, StringBuilder word, boolean inWord, boolean open,
            String command) {
        if (open) {
            throw new ShellWordsException(command);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
