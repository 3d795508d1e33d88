package io.berth.runtime.image;

import java.io.IOException;

/** No image in the store answers to what was asked for. */
public final class ImageNotFoundException extends IOException {
    public ImageNotFoundException(String what) {
        super("no such image: " + what);
    }
}
