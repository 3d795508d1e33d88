package io.berth.runtime.build.plan;

/** Go's strconv.ParseBool. */
final class Booleans {
    private Booleans() {
    }

    static boolean parse(String value) {
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + value);
        };
    }
}
