package io.berth.runtime.container;

import java.io.ByteArrayOutputStream;

/**
 * Docker's detach keys (Ctrl-P Ctrl-Q) in the input of an attached terminal: the sequence is held
 * back while it is being typed, passed on if it is not completed, and ends the relay if it is,
 * leaving the container running.
 */
final class DetachKeys {
    static final byte[] CTRL_P_CTRL_Q = {0x10, 0x11};
    private final byte[] sequence;
    private int matched;
    private boolean detached;

    DetachKeys(byte[] sequence) {
        this.sequence = sequence.clone();
    }

    /** What of {@code input} goes on to the container (nothing once the sequence was typed). */
    byte[] filter(byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length);
        for (byte key : input) {
            if (detached) {
                break;
            }
            if (key == sequence[matched]) {
                matched++;
                detached = matched == sequence.length;
                continue;
            }
            out.write(sequence, 0, matched);
            matched = key == sequence[0] ? 1 : 0;
            if (matched == 0) {
                out.write(key);
            }
        }
        return out.toByteArray();
    }

    boolean detached() {
        return detached;
    }
}
