package io.berth.runtime.image;

import io.berth.runtime.Digest;
import java.io.IOException;

/** Content whose sha256 is not the one its descriptor promised: never stored, never unpacked. */
final class DigestMismatchException extends IOException {
    DigestMismatchException(String what, Digest expected, Digest actual) {
        super(what + ": digest mismatch: expected " + expected + ", got " + actual);
    }
}
