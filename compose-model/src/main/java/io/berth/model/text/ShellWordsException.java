package io.berth.model.text;

/** A command string that go-shellwords (and so Compose) refuses: "invalid command line string". */
public final class ShellWordsException extends RuntimeException {

    ShellWordsException(String command) {
        super("invalid command line string: " + command);
    }
}
