package io.berth.runtime.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/** BuildKit's word splitting of instruction arguments (quotes kept) and of leading flags. */
final class Words {
    private Words() {
    }

    /** A flag word with quotes and escapes removed, and where it starts in the text. */
    record FlagWord(String text, int start) {
    }

    /** The leading {@code --flags} of {@code text} and the index where the arguments start. */
    record Flags(List<FlagWord> flags, int argumentsStart) {
    }

    static Flags extractFlags(String text, char escape) {
        List<FlagWord> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int phase = 0; // 0 spaces, 1 word, 2 quote
        char quote = 0;
        boolean blankOk = false;
        int wordStart = 0;
        for (int pos = 0; pos <= text.length(); pos++) {
            char ch = pos < text.length() ? text.charAt(pos) : 0;
            if (phase == 0) {
                if (pos == text.length()) {
                    break;
                }
                if (Character.isWhitespace(ch)) {
                    continue;
                }
                if (ch != '-' || pos + 1 == text.length() || text.charAt(pos + 1) != '-') {
                    return new Flags(words, pos);
                }
                phase = 1;
                wordStart = pos;
            }
            if (pos == text.length()) {
                if (!word.toString().equals("--") && (blankOk || word.length() > 0)) {
                    words.add(new FlagWord(word.toString(), wordStart));
                }
                break;
            }
            if (phase == 1) {
                if (Character.isWhitespace(ch)) {
                    phase = 0;
                    if (word.toString().equals("--")) {
                        return new Flags(words, skipSpace(text, pos));
                    }
                    if (blankOk || word.length() > 0) {
                        words.add(new FlagWord(word.toString(), wordStart));
                    }
                    word.setLength(0);
                    blankOk = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                    phase = 2;
                    continue;
                }
                if (ch == escape) {
                    if (pos + 1 == text.length()) {
                        continue;
                    }
                    ch = text.charAt(++pos);
                }
                word.append(ch);
                continue;
            }
            if (ch == quote) {
                phase = 1;
                continue;
            }
            if (ch == escape) {
                if (pos + 1 == text.length()) {
                    phase = 1;
                    continue;
                }
                ch = text.charAt(++pos);
            }
            word.append(ch);
        }
        return new Flags(words, text.length());
    }

    private static int skipSpace(String text, int pos) {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    /** Words split on blanks outside quotes, quotes and escapes kept (removed later by substitution). */
    static List<String> parseWords(String rest, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int phase = 0;
        char quote = 0;
        boolean blankOk = false;
        for (int pos = 0; pos <= rest.length(); pos++) {
            char ch = pos < rest.length() ? rest.charAt(pos) : 0;
            if (phase == 0) {
                if (pos == rest.length()) {
                    break;
                }
                if (Character.isWhitespace(ch)) {
                    continue;
                }
                phase = 1;
            }
            if (pos == rest.length()) {
                if (blankOk || word.length() > 0) {
                    words.add(word.toString());
                }
                break;
            }
            if (phase == 1) {
                if (Character.isWhitespace(ch)) {
                    phase = 0;
                    if (blankOk || word.length() > 0) {
                        words.add(word.toString());
                    }
                    word.setLength(0);
                    blankOk = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                    phase = 2;
                }
                if (ch == escape) {
                    if (pos + 1 == rest.length()) {
                        continue;
                    }
                    word.append(ch);
                    ch = rest.charAt(++pos);
                }
                word.append(ch);
                continue;
            }
            if (ch == quote) {
                phase = 1;
            }
            if (ch == escape && quote != '\'') {
                if (pos + 1 == rest.length()) {
                    phase = 1;
                    continue;
                }
                word.append(ch);
                ch = rest.charAt(++pos);
            }
            word.append(ch);
        }
        return words;
    }

    /** Splits on runs of blanks ({@code [\t\v\f\r ]+}), as BuildKit's whitespace-delimited forms. */
    static List<String> splitBlanks(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.split("[\\t\\x0B\\f\\r ]+", -1)) {
            words.add(word);
        }
        if (text.isEmpty()) {
            return List.of();
        }
        return words;
    }
}
