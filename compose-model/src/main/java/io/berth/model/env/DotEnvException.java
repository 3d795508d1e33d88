package io.berth.model.env;

/**
 * A {@code .env} / {@code env_file} content that cannot be parsed. The message reads like compose-go's
 * ("line 3: unterminated quoted value "abc"); the caller adds the file name in front.
 */
public final class DotEnvException extends RuntimeException {

    private final int line;

    DotEnvException(int line, String detail) {
        super("line " + line + ": " + detail);
        this.line = line;
    }

    DotEnvException(int line, String detail, Throwable cause) {
        super("line " + line + ": " + detail, cause);
        this.line = line;
    }

    /** The 1-based line where the faulty statement or value starts. */
    public int line() {
        return line;
    }
}
