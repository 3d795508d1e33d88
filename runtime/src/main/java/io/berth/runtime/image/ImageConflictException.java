package io.berth.runtime.image;

import java.io.IOException;

/** A change the store refuses without force, because of what else depends on the image. */
public final class ImageConflictException extends IOException {
    public ImageConflictException(String message) {
        super(message);
    }
}
