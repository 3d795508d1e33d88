package io.berth.runtime;

/**
 * Caps on one layer's unpacking, against decompression bombs: the uncompressed bytes of its
 * tar stream and its number of entries. A layer over either cap is refused whole.
 */
public record UnpackLimits(long maxUncompressedBytes, long maxEntries) {
    /** 64 GiB and a million entries: far above real images, far below a full disk. */
    public static final UnpackLimits DEFAULT = new UnpackLimits(64L << 30, 1_000_000);

    public UnpackLimits {
        if (maxUncompressedBytes <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("unpack limits must be positive");
        }
    }
}
