package io.berth.runtime.build.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A COPY/ADD {@code --chmod} value: an octal mode that replaces each entry's mode, or a symbolic
 * one ({@code u+x,g-w}, {@code a=rX}, {@code go=u}) applied to each entry's own mode as chmod(1)
 * applies it. A clause without who ({@code +x}) means all of u, g and o: no umask is involved
 * (a build has none to apply to copied files).
 */
public final class ChmodSpec {
    private static final int USER = 04700;
    private static final int GROUP = 02070;
    private static final int OTHER = 01007;
    private static final int ALL = USER | GROUP | OTHER;
    private final Integer octal;
    private final List<Clause> clauses;

    private ChmodSpec(Integer octal, List<Clause> clauses) {
        this.octal = octal;
        this.clauses = clauses;
    }

    /** One {@code who op perms} part; {@code copyFrom} is u, g or o for {@code g=u}, else 0. */
    private record Clause(int who, char op, String perms, char copyFrom) {
    }

    /** Parses {@code text}; throws IllegalArgumentException saying what is wrong. */
    public static ChmodSpec parse(String text) {
        if (text.matches("[0-7]{1,12}") && Long.parseLong(text, 8) <= 07777) {
            return new ChmodSpec(Integer.parseInt(text, 8), List.of());
        }
        if (text.matches("\\d+")) {
            throw new IllegalArgumentException("invalid chmod parameter: '" + text
                    + "'. it should be octal string and between 0 and 07777");
        }
        List<Clause> clauses = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int at = 0;
            int who = 0;
            while (at < part.length() && "ugoa".indexOf(part.charAt(at)) >= 0) {
                who |= switch (part.charAt(at++)) {
                    case 'u' -> USER;
                    case 'g' -> GROUP;
                    case 'o' -> OTHER;
                    default -> ALL;
                };
            }
            if (who == 0) {
                who = ALL;
            }
            if (at == part.length()) {
                throw invalid(text);
            }
            while (at < part.length()) {
                char op = part.charAt(at++);
                if ("+-=".indexOf(op) < 0) {
                    throw invalid(text);
                }
                int end = at;
                while (end < part.length() && "+-=".indexOf(part.charAt(end)) < 0) {
                    end++;
                }
                String perms = part.substring(at, end);
                if (perms.matches("[ugo]")) {
                    clauses.add(new Clause(who, op, "", perms.charAt(0)));
                } else if (perms.matches("[rwxXst]*")) {
                    clauses.add(new Clause(who, op, perms, '\0'));
                } else {
                    throw invalid(text);
                }
                at = end;
            }
        }
        return new ChmodSpec(null, List.copyOf(clauses));
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid chmod parameter: '" + text
                + "' (octal like 0755, or symbolic like u+x,g-w)");
    }

    /** The mode an entry of mode {@code mode} (permission bits) gets. */
    public int apply(int mode, boolean directory) {
        if (octal != null) {
            return octal;
        }
        int result = mode & 07777;
        for (Clause clause : clauses) {
            int bits = clause.copyFrom() != '\0' ? copied(result, clause.copyFrom()) : bits(clause.perms(), result, directory);
            int affected = bits & clause.who();
            switch (clause.op()) {
                case '+' -> result |= affected;
                case '-' -> result &= ~affected;
                default -> result = (result & ~clause.who()) | affected;
            }
        }
        return result;
    }

    /** r, w, x as 0777 triples; X executes when a directory or already executable; s, t. */
    private static int bits(String perms, int current, boolean directory) {
        int bits = 0;
        for (char perm : perms.toCharArray()) {
            bits |= switch (perm) {
                case 'r' -> 0444;
                case 'w' -> 0222;
                case 'x' -> 0111;
                case 'X' -> directory || (current & 0111) != 0 ? 0111 : 0;
                case 's' -> 06000;
                default -> 01000;
            };
        }
        return bits;
    }

    /** The rwx bits of u, g or o of {@code mode}, copied to all three positions. */
    private static int copied(int mode, char from) {
        int triple = switch (from) {
            case 'u' -> (mode >> 6) & 7;
            case 'g' -> (mode >> 3) & 7;
            default -> mode & 7;
        };
        return triple << 6 | triple << 3 | triple;
    }
}
