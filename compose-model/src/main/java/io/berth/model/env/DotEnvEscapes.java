package io.berth.model.env;

/**
 * compose-go dotenv's {@code expandEscapes} for double-quoted values: {@code \a \b \f \n \r \t \v \\ \"}
 * become their characters, {@code \$} becomes {@code $$} (so interpolation leaves a literal {@code $}),
 * {@code \0ooo} (three octal digits after the 0) is that byte; any other backslash sequence is kept.
 */
final class DotEnvEscapes {

    private DotEnvEscapes() {
    }

    static String expand(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 >= value.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = value.charAt(i + 1);
            switch (next) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case '\\' -> out.append('\\');
                case '"' -> out.append('"');
                case '$' -> out.append("$$");
                case '0' -> {
                    int digitsEnd = i + 2;
                    while (digitsEnd < value.length() && digitsEnd < i + 5 && value.charAt(digitsEnd) >= '0'
                            && value.charAt(digitsEnd) <= '9') {
                        digitsEnd++;
                    }
                    out.append(octal(value.substring(i, digitsEnd)));
                    i = digitsEnd;
                    continue;
                }
                default -> {
                    out.append(c);
                    i++;
                    continue;
                }
            }
            i += 2;
        }
        return out.toString();
    }

    /** {@code \0ooo} as Go's UnquoteChar reads {@code \ooo}: exactly three octal digits, at most 255. */
    private static String octal(String match) {
        String digits = match.substring(2);
        if (digits.length() != 3 || !digits.chars().allMatch(d -> d >= '0' && d <= '7')) {
            return match;
        }
        int code = Integer.parseInt(digits, 8);
        return code > 255 ? match : String.valueOf((char) code);
    }
}
