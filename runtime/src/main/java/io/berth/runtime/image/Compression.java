package io.berth.runtime.image;

import io.berth.runtime.linux.NativeGunzip;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** Recognizes a layer's compression by its first bytes (as Docker does: gzip, zstd, none) and undoes it. */
final class Compression {
    enum Kind { NONE, GZIP, ZSTD }

    private Compression() {
    }

    static Kind detect(BufferedInputStream in) throws IOException {
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return Kind.GZIP;
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return Kind.ZSTD;
        }
        return Kind.NONE;
    }

    /** The uncompressed stream of {@code raw}, whatever its compression. */
    static InputStream decompress(InputStream raw) throws IOException {
        BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, 65536);
        return decompress(in, detect(in));
    }

    /** The uncompressed stream of {@code in}, whose compression {@link #detect} found to be {@code kind}. */
    static InputStream decompress(BufferedInputStream in, Kind kind) throws IOException {
        return switch (kind) {
            case NONE -> in;
            case GZIP -> NativeGunzip.open(in, 65536);
            case ZSTD -> new ZstdCompressorInputStream(in);
        };
    }

    static String layerMediaType(Kind kind) {
        return switch (kind) {
            case NONE -> MediaTypes.OCI_LAYER;
            case GZIP -> MediaTypes.OCI_LAYER_GZIP;
            case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
        };
    }
}
