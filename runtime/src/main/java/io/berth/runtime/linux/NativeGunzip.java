package io.berth.runtime.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * gzip decompression by ISA-L's igzip (Debian's libisal2), for the image path's layers: its
 * inflate is about three times zlib's speed, and zlib's was a quarter of a pull's CPU, on the thread
 * that set the pull's pace (docs/images.md). {@link #open} falls back to Java's
 * {@link GZIPInputStream} where the library is missing or fails its self-test.
 *
 * <p>Only the head of ISA-L's {@code struct inflate_state} is touched (the next/avail pointers and
 * counts and the bit buffer, unchanged since ISA-L 2.14); the gzip header and trailer are read here,
 * and the trailer's CRC-32 and length are checked with ISA-L's own CRC routine. The end of a deflate
 * stream shows as a call that neither reads nor writes although both input and room are there (at
 * the source's end, a byte of nothing is offered to tell a finished stream from a cut one); the
 * trailer bytes igzip read ahead are taken back from its bit buffer. Members that follow
 * one another are read in turn, as gzip and Java do; bytes after the last member that are not a
 * gzip header are left unread, as Java's stream leaves them.
 */
public final class NativeGunzip extends InputStream {
    private static final int STATE_BYTES = 256 * 1024; // sizeof(struct inflate_state) is 87 KB in 2.30
    private static final int IN_BYTES = 256 * 1024;
    private static final int OUT_BYTES = 512 * 1024;
    private static final int OFF_NEXT_OUT = 0;
    private static final int OFF_AVAIL_OUT = 8;
    private static final int OFF_NEXT_IN = 16;
    private static final int OFF_AVAIL_IN = 32;
    private static final int OFF_READ_IN = 24;
    private static final int OFF_READ_IN_LENGTH = 36;
    private static final boolean AVAILABLE = bind() && GunzipSelfTest.passes(NativeGunzip::new);

    private final InputStream source;
    private final Memory state = new Memory(STATE_BYTES);
    private final Memory in = new Memory(IN_BYTES);
    private final Memory out = new Memory(OUT_BYTES);
    private final byte[] transfer = new byte[IN_BYTES];
    private final Memory probe = new Memory(1);
    private long heldBytes;
    private int heldCount;
    private int inStart;       // the first unread byte of {@link #in}
    private int inEnd;         // one past the last byte read into {@link #in}
    private boolean sourceEnded;
    private int outStart;
    private int outEnd;
    private int crc;
    private long memberBytes;
    private boolean finished;
    private boolean finishedAMember;

    private static boolean bind() {
        if (Native.SIZE_T_SIZE != 8 || Boolean.getBoolean("berth.javaGunzip")) {
            return false;
        }
        for (String name : new String[] {"isal", "libisal.so.2"}) {
            try {
                Native.register(NativeGunzip.class, NativeLibrary.getInstance(name));
                return true;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                // try the next name; none: Java's own inflater
            }
        }
        return false;
    }

    private static native void isal_inflate_init(Pointer state);

    private static native int isal_inflate(Pointer state);

    private static native int crc32_gzip_refl(int initCrc, Pointer buffer, long length);

    private NativeGunzip(InputStream source) throws IOException {
        this.source = source;
        if (!startMember()) {
            throw new EOFException("not in gzip format: the stream is empty");
        }
    }

    /** The uncompressed content of the gzip stream {@code source}: ISA-L's when it can be had. */
    public static InputStream open(InputStream source, int javaBufferSize) throws IOException {
        return AVAILABLE ? new NativeGunzip(source) : new GZIPInputStream(source, javaBufferSize);
    }

    public static boolean nativeAvailable() {
        return AVAILABLE;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (outStart == outEnd) {
            if (finished || !inflateSome()) {
                return -1;
            }
        }
        int n = Math.min(len, outEnd - outStart);
        out.read(outStart, b, off, n);
        outStart += n;
        return n;
    }

    /** Fills {@link #out} with what the next call gives; false at the end of the last member. */
    private boolean inflateSome() throws IOException {
        while (true) {
            boolean sourceLeft = inStart < inEnd || refill();
            // at the source's end one byte of nothing is offered: a stream that is not finished takes it
            Pointer input = sourceLeft ? in.share(inStart) : probe;
            int availIn = sourceLeft ? inEnd - inStart : 1;
            state.setPointer(OFF_NEXT_IN, input);
            state.setInt(OFF_AVAIL_IN, availIn);
            state.setPointer(OFF_NEXT_OUT, out);
            state.setInt(OFF_AVAIL_OUT, OUT_BYTES);
            int status = isal_inflate(state);
            if (status < 0) {
                throw new ZipException("invalid gzip data (igzip error " + status + ")");
            }
            int consumed = availIn - state.getInt(OFF_AVAIL_IN);
            int produced = OUT_BYTES - state.getInt(OFF_AVAIL_OUT);
            if (produced > 0) {
                crc = crc32_gzip_refl(crc, out, produced);
                memberBytes += produced;
                outStart = 0;
                outEnd = produced;
            }
            if (!sourceLeft) {
                if (consumed > 0 || produced > 0) {
                    throw new EOFException("unexpected end of the gzip stream (truncated)");
                }
            } else {
                inStart += consumed;
            }
            if (produced > 0) {
                return true;
            }
            if (consumed == 0) { // input there, room there, nothing moved: the deflate stream's end
                takeReadAhead();
                endMember();
                if (!startMember()) {
                    finished = true;
                    return false;
                }
            }
        }
    }

    /**
     * The whole bytes igzip took into its bit buffer past the stream's end (some of the trailer):
     * they are read from there before the source. The bits below the next byte boundary are the
     * last byte's padding.
     */
    private void takeReadAhead() {
        long bits = state.getLong(OFF_READ_IN);
        int count = state.getInt(OFF_READ_IN_LENGTH);
        heldBytes = bits >>> (count % 8);
        heldCount = count / 8;
    }

    /** Reads more of the source after the unread bytes; false at its end. */
    private boolean refill() throws IOException {
        if (sourceEnded) {
            return false;
        }
        if (inStart > 0) {
            int left = inEnd - inStart;
            if (left > 0) {
                in.write(0, in.getByteArray(inStart, left), 0, left);
            }
            inStart = 0;
            inEnd = left;
        }
        int n = source.read(transfer, 0, IN_BYTES - inEnd);
        if (n < 0) {
            sourceEnded = true;
            return false;
        }
        in.write(inEnd, transfer, 0, n);
        inEnd += n;
        return true;
    }

    private int nextByte() throws IOException {
        if (heldCount > 0) {
            int b = (int) (heldBytes & 0xff);
            heldBytes >>>= 8;
            heldCount--;
            return b;
        }
        while (inStart == inEnd) {
            if (!refill()) {
                return -1;
            }
        }
        return in.getByte(inStart++) & 0xff;
    }

    private int needByte() throws IOException {
        int b = nextByte();
        if (b < 0) {
            throw new EOFException("unexpected end of the gzip stream (truncated header or trailer)");
        }
        return b;
    }

    /**
     * Reads a member's header and readies the inflater; false when the stream ends (or goes on with
     * bytes that are not a gzip member) before a header starts.
     */
    private boolean startMember() throws IOException {
        int id1 = nextByte();
        if (id1 < 0) {
            return false;
        }
        int id2 = nextByte();
        if (id1 != 0x1f || id2 != 0x8b) {
            if (finishedAMember) {
                return false; // bytes after a member that are no member: ignored, as Java's stream does
            }
            throw new ZipException("not in gzip format");
        }
        if (needByte() != 8) {
            throw new ZipException("unsupported gzip compression method");
        }
        int flags = needByte();
        for (int i = 0; i < 6; i++) {
            needByte(); // mtime, xfl, os
        }
        if ((flags & 4) != 0) { // FEXTRA
            int length = needByte() | needByte() << 8;
            for (int i = 0; i < length; i++) {
                needByte();
            }
        }
        if ((flags & 8) != 0) { // FNAME
            while (needByte() != 0) {
                // skipped
            }
        }
        if ((flags & 16) != 0) { // FCOMMENT
            while (needByte() != 0) {
                // skipped
            }
        }
        if ((flags & 2) != 0) { // FHCRC
            needByte();
            needByte();
        }
        state.clear();
        isal_inflate_init(state);
        crc = 0;
        memberBytes = 0;
        return true;
    }

    private void endMember() throws IOException {
        int expectedCrc = needByte() | needByte() << 8 | needByte() << 16 | needByte() << 24;
        int expectedSize = needByte() | needByte() << 8 | needByte() << 16 | needByte() << 24;
        if (expectedCrc != crc) {
            throw new ZipException("corrupt gzip trailer: CRC-32 does not match the content");
        }
        if (expectedSize != (int) memberBytes) {
            throw new ZipException("corrupt gzip trailer: the length does not match the content");
        }
        finishedAMember = true;
    }

    @Override
    public int available() {
        return outEnd - outStart;
    }

    @Override
    public void close() throws IOException {
        finished = true;
        source.close();
    }
}
