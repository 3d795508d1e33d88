package io.berth.model.files;

/** The Compose files to load cannot be determined: none found, or a named one is missing. */
public final class ComposeFileException extends RuntimeException {

    ComposeFileException(String message) {
        super(message);
    }
}
