package io.berth.runtime.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.security.MessageDigest;

/**
 * SHA-256 by the system's libcrypto (OpenSSL's EVP interface), for the image path's bulk hashing.
 * Why: Berth's JVM runs C1 only (docs/cli-speed.md), where Java's SHA-256 has no CPU intrinsic;
 * measured on a 536 MB import it took 88% of the CPU (about 100 MB/s), while libcrypto uses the
 * CPU's SHA extensions (1.4 GB/s here). Input is gathered in a native buffer so that each native
 * call hashes a large block. {@link #create()} falls back to Java's SHA-256 where libcrypto is missing.
 */
public final class NativeSha256 extends MessageDigest {
    private static final int BUFFER = 256 * 1024;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final boolean AVAILABLE = bind();

    private final Pointer context;
    private final Memory buffer = new Memory(BUFFER);
    private final Memory result = new Memory(32);
    private int buffered;

    private static boolean bind() {
        if (Native.SIZE_T_SIZE != 8 || Boolean.getBoolean("berth.javaSha256")) {
            return false;
        }
        for (String name : new String[] {"crypto", "libcrypto.so.3", "libcrypto.so.1.1"}) {
            try {
                Native.register(NativeSha256.class, NativeLibrary.getInstance(name));
                return true;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                // try the next name; none: Java's own digest
            }
        }
        return false;
    }

    private static native Pointer EVP_MD_CTX_new();

    private static native void EVP_MD_CTX_free(Pointer context);

    private static native Pointer EVP_sha256();

    private static native int EVP_DigestInit_ex(Pointer context, Pointer type, Pointer engine);

    private static native int EVP_DigestUpdate(Pointer context, Pointer data, long count);

    private static native int EVP_DigestFinal_ex(Pointer context, Pointer digest, Pointer length);

    private NativeSha256() {
        super("SHA-256");
        context = EVP_MD_CTX_new();
        if (context == null) {
            throw new IllegalStateException("libcrypto: EVP_MD_CTX_new failed");
        }
        Pointer owned = context;
        CLEANER.register(this, () -> EVP_MD_CTX_free(owned));
        init();
    }

    /** A SHA-256 digest: libcrypto's when it can be loaded, Java's otherwise. */
    public static MessageDigest create() {
        if (AVAILABLE) {
            return new NativeSha256();
        }
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static boolean nativeAvailable() {
        return AVAILABLE;
    }

    private void init() {
        if (EVP_DigestInit_ex(context, EVP_sha256(), null) != 1) {
            throw new IllegalStateException("libcrypto: EVP_DigestInit_ex(sha256) failed");
        }
        buffered = 0;
    }

    @Override
    protected void engineUpdate(byte input) {
        if (buffered == BUFFER) {
            flush();
        }
        buffer.setByte(buffered++, input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int length) {
        while (length > 0) {
            if (buffered == BUFFER) {
                flush();
            }
            int chunk = Math.min(length, BUFFER - buffered);
            buffer.write(buffered, input, offset, chunk);
            buffered += chunk;
            offset += chunk;
            length -= chunk;
        }
    }

    private void flush() {
        if (buffered > 0 && EVP_DigestUpdate(context, buffer, buffered) != 1) {
            throw new IllegalStateException("libcrypto: EVP_DigestUpdate failed");
        }
        buffered = 0;
    }

    @Override
    protected byte[] engineDigest() {
        flush();
        if (EVP_DigestFinal_ex(context, result, null) != 1) {
            throw new IllegalStateException("libcrypto: EVP_DigestFinal_ex failed");
        }
        byte[] digest = result.getByteArray(0, 32);
        init();
        return digest;
    }

    @Override
    protected void engineReset() {
        init();
    }

    @Override
    protected int engineGetDigestLength() {
        return 32;
    }
}
