package io.berth.runtime;

/**
 * One step of a pull, for a progress display: which blob ({@code digest}; null for the
 * manifest), what happened, and bytes so far out of {@code totalBytes} (-1 when unknown).
 */
public record PullProgress(Digest digest, Stage stage, long bytes, long totalBytes) {
    public enum Stage { RESOLVING, ALREADY_EXISTS, DOWNLOADING, DOWNLOADED, EXTRACTING, PULL_COMPLETE, DONE }

    /** The short hex Docker prints for a layer (12 digits), or "" for the manifest. */
    public String shortId() {
        return digest == null ? "" : digest.hex().substring(0, 12);
    }
}
