package io.berth.runtime.image.registry;

import java.io.IOException;

/** The connection to a registry failed or dropped (not an answer it gave): worth another try. */
final class RegistryConnectionException extends IOException {
    RegistryConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
