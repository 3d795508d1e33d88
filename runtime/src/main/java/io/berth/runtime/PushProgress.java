package io.berth.runtime;

/**
 * One step of a push, for a progress display: which blob ({@code digest}; the manifest's at
 * {@link Stage#DONE}), what happened, and its size in bytes.
 */
public record PushProgress(Digest digest, Stage stage, long sizeBytes) {
    public enum Stage { PREPARING, ALREADY_EXISTS, MOUNTED, PUSHING, PUSHED, DONE }

    /** The short hex Docker prints for a layer (12 digits). */
    public String shortId() {
        return digest.hex().substring(0, 12);
    }
}
