package io.berth.runtime.image;

import java.io.IOException;

/** A layer or archive that tries to do what no honest one does; refused whole. */
final class UnsafeArchiveException extends IOException {
    UnsafeArchiveException(String message) {
        super(message);
    }
}
