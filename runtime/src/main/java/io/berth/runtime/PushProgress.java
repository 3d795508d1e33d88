package io.berth.runtime;

/**
 * One step of a push, for a progress display: which blob ({@code digest}; the manifest's at
 * {@link Stage#DONE}), what happened, its size in bytes and, while {@link Stage#PUSHING}, how
 * many of them are sent (reported about every MiB; back to 0 when a dropped upload starts over).
 */
public record PushProgress(Digest digest, Stage stage, long sizeBytes, long bytesSent) {
    public enum Stage { PREPARING, ALREADY_EXISTS, MOUNTED, PUSHING, PUSHED, DONE }

    public PushProgress(Digest digest, Stage stage, long sizeBytes) {
        this(digest, stage, sizeBytes, stage == Stage.PUSHED || stage == Stage.DONE ? sizeBytes : 0);
    }

    /** The short hex Docker prints for a layer (12 digits). */
    public String shortId() {
        return digest.hex().substring(0, 12);
    }
}
