package io.berth.runtime.build.shell;

/** A word that cannot be substituted, e.g. {@code ${a} unclosed} or {@code ${v:?message}}. */
public class SubstitutionException extends Exception {
    public SubstitutionException(String message) {
        super(message);
    }
}
