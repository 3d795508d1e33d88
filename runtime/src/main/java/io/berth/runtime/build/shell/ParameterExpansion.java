package io.berth.runtime.build.shell;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The {@code ${name<op>word}} forms of BuildKit's lexer. */
final class ParameterExpansion {
    private ParameterExpansion() {
    }

    static String expand(WordScan scan, String name, int ch) throws SubstitutionException {
        if (ch == '}') {
            String value = scan.lookup(name);
            if (value == null && scan.skipUnset()) {
                return "${" + name + "}";
            }
            return value == null ? "" : value;
        }
        if (ch == '/') {
            return replace(scan, name);
        }
        String operator = String.valueOf((char) ch);
        boolean nullIsUnset = false;
        if (ch == ':') {
            nullIsUnset = true;
            ch = scan.nextChar();
            operator += ch < 0 ? "" : String.valueOf((char) ch);
        }
        if ("+-?#%".indexOf(ch) < 0 || ch < 0) {
            throw new SubstitutionException("unsupported modifier (" + operator + ") in substitution");
        }
        boolean trim = ch == '#' || ch == '%';
        if (nullIsUnset && trim) {
            throw new SubstitutionException("unsupported modifier (" + operator + ") in substitution");
        }
        String word = scan.readUntil('}', trim);
        String value = scan.lookup(name);
        boolean set = value != null;
        if (!set && scan.skipUnset()) {
            return "${" + name + operator + word + "}";
        }
        switch (ch) {
            case '-':
                return !set || (nullIsUnset && value.isEmpty()) ? word : value;
            case '+':
                return !set || (nullIsUnset && value.isEmpty()) ? "" : word;
            case '?':
                if (!set) {
                    throw new SubstitutionException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                }
                if (nullIsUnset && value.isEmpty()) {
                    throw new SubstitutionException(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                }
                return value;
            default:
                boolean greedy = !word.isEmpty() && word.charAt(0) == ch;
                String pattern = greedy ? word.substring(1) : word;
                String subject = set ? value : "";
                return ch == '%' ? trimSuffix(pattern, subject, greedy) : trimPrefix(pattern, subject, greedy);
        }
    }

    private static String replace(WordScan scan, String name) throws SubstitutionException {
        boolean all = scan.peekChar() == '/';
        if (all) {
            scan.nextChar();
        }
        String pattern = scan.readUntil('/', true);
        String replacement = scan.readUntil('}', true);
        String value = scan.lookup(name);
        if (value == null && scan.skipUnset()) {
            return "${" + name + "/" + pattern + "/" + replacement + "}";
        }
        value = value == null ? "" : value;
        Pattern regex = toRegex(pattern, true, false);
        Matcher matcher = regex.matcher(value);
        if (all) {
            return matcher.replaceAll(Matcher.quoteReplacement(replacement));
        }
        return matcher.find() ? value.substring(0, matcher.start()) + replacement + value.substring(matcher.end()) : value;
    }

    /** A shell pattern ({@code *}, {@code ?}, backslash escapes) as a regular expression. */
    static Pattern toRegex(String pattern, boolean greedy, boolean anchored) throws SubstitutionException {
        StringBuilder out = new StringBuilder(anchored ? "^" : "");
        for (int i = 0; i < pattern.length(); i++) {
            char token = pattern.charAt(i);
            switch (token) {
                case '*' -> out.append(greedy ? ".*" : ".*?");
                case '?' -> out.append('.');
                case '\\' -> {
                    char after = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
                    if (after == '}' || after == '/') {
                        continue;
                    }
                    i++;
                    if (after != '*' && after != '?' && after != '\\') {
                        throw new SubstitutionException("invalid pattern (" + pattern + ") in substitution: invalid escape '\\"
                                + after + "'");
                    }
                    out.append('\\').append(after);
                }
                default -> out.append(Pattern.quote(String.valueOf(token)));
            }
        }
        try {
            return Pattern.compile(out.toString(), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new SubstitutionException("invalid pattern (" + pattern + ") in substitution: " + e.getDescription());
        }
    }

    private static String trimPrefix(String pattern, String value, boolean greedy) throws SubstitutionException {
        Matcher matcher = toRegex(pattern, greedy, true).matcher(value);
        return matcher.find() ? value.substring(matcher.end()) : value;
    }

    private static String trimSuffix(String pattern, String value, boolean greedy) throws SubstitutionException {
        String reversed = trimPrefix(reversePattern(pattern), new StringBuilder(value).reverse().toString(), greedy);
        return new StringBuilder(reversed).reverse().toString();
    }

    /** Reverses a pattern keeping each backslash before the character it escapes. */
    private static String reversePattern(String pattern) {
        char[] out = new char[pattern.length()];
        int last = pattern.length() - 1;
        for (int i = 0; i <= last; ) {
            char token = pattern.charAt(i);
            int outIndex = last - i;
            if (token == '\\' && i != last) {
                out[outIndex - 1] = token;
                out[outIndex] = pattern.charAt(i + 1);
                i += 2;
            } else {
                out[outIndex] = token;
                i++;
            }
        }
        return new String(out);
    }
}
