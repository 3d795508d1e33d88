package io.berth.runtime.build.context;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** One path component matched as Go's filepath.Match does: {@code *}, {@code ?}, {@code [a-z]}, {@code [^a]}, {@code \}. */
final class GoGlob {
    private GoGlob() {
    }

    /** True when {@code text} has an unescaped wildcard character. */
    static boolean hasWildcards(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == '*' || ch == '?' || ch == '[') {
                return true;
            }
        }
        return false;
    }

    static Pattern compile(String component) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < component.length(); i++) {
            char ch = component.charAt(i);
            switch (ch) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                case '\\' -> {
                    if (++i < component.length()) {
                        regex.append(Pattern.quote(String.valueOf(component.charAt(i))));
                    }
                }
                case '[' -> {
                    int end = component.indexOf(']', i + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException("syntax error in pattern: " + component);
                    }
                    String body = component.substring(i + 1, end);
                    if (body.startsWith("^")) {
                        body = "^" + body.substring(1).replace("[", "\\[");
                    } else {
                        body = body.replace("[", "\\[");
                    }
                    regex.append('[').append(body).append(']');
                    i = end;
                }
                default -> regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        try {
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("syntax error in pattern: " + component);
        }
    }

    /** Removes the escapes of a component without wildcards. */
    static String unescape(String component) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < component.length(); i++) {
            char ch = component.charAt(i);
            if (ch == '\\' && i + 1 < component.length()) {
                ch = component.charAt(++i);
            }
            out.append(ch);
        }
        return out.toString();
    }
}
