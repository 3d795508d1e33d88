package io.berth.runtime.build.context;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** One cleaned .dockerignore pattern compiled as moby/patternmatcher compiles it. */
final class IgnorePattern {
    private enum Kind { EXACT, PREFIX, SUFFIX, REGEXP }

    final String cleaned;
    final boolean exclusion;
    final int depth;
    private Kind kind;
    private Pattern regexp;

    IgnorePattern(String cleaned, boolean exclusion) {
        this.cleaned = cleaned;
        this.exclusion = exclusion;
        this.depth = cleaned.split("/", -1).length;
        compile();
    }

    boolean matches(String path) {
        return switch (kind) {
            case EXACT -> path.equals(cleaned);
            case PREFIX -> path.startsWith(cleaned.substring(0, cleaned.length() - 2));
            case SUFFIX -> {
                String suffix = cleaned.substring(2);
                yield path.endsWith(suffix) || (suffix.startsWith("/") && path.equals(suffix.substring(1)));
            }
            case REGEXP -> regexp.matcher(path).matches();
        };
    }

    private static final String SPECIAL = ".+()|{}$";

    private void compile() {
        StringBuilder regex = new StringBuilder("^");
        Kind detected = Kind.EXACT;
        String pattern = cleaned;
        for (int i = 0, index = 0; i < pattern.length(); index++) {
            char ch = pattern.charAt(i++);
            if (ch == '*') {
                if (i < pattern.length() && pattern.charAt(i) == '*') {
                    i++;
                    if (i < pattern.length() && pattern.charAt(i) == '/') {
                        i++;
                    }
                    if (i >= pattern.length()) {
                        if (detected == Kind.EXACT) {
                            detected = Kind.PREFIX;
                        } else {
                            regex.append(".*");
                            detected = Kind.REGEXP;
                        }
                    } else {
                        regex.append("(.*/)?");
                        detected = Kind.REGEXP;
                    }
                    if (index == 0) {
                        detected = Kind.SUFFIX;
                    }
                } else {
                    regex.append("[^/]*");
                    detected = Kind.REGEXP;
                }
            } else if (ch == '?') {
                regex.append("[^/]");
                detected = Kind.REGEXP;
            } else if (SPECIAL.indexOf(ch) >= 0) {
                regex.append('\\').append(ch);
            } else if (ch == '\\') {
                if (i < pattern.length()) {
                    regex.append('\\').append(pattern.charAt(i++));
                    detected = Kind.REGEXP;
                } else {
                    regex.append("\\\\");
                }
            } else if (ch == '[' || ch == ']') {
                regex.append(ch);
                detected = Kind.REGEXP;
            } else {
                regex.append(ch);
            }
        }
        if (detected == Kind.REGEXP) {
            try {
                regexp = Pattern.compile(regex.append('$').toString(), Pattern.DOTALL);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("syntax error in pattern: " + cleaned);
            }
        }
        kind = detected;
    }

    static List<String> dirs(String path) {
        return List.of(path.split("/", -1));
    }
}
