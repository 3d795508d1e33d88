package io.berth.runtime.image.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * A client key file as openssl writes it: PKCS#8 ("PRIVATE KEY", RSA, EC or Ed25519) or PKCS#1
 * ("RSA PRIVATE KEY", which is wrapped into PKCS#8 here). Other forms are refused with the
 * openssl command that converts them.
 */
final class PemKeys {
    /** DER of PKCS#8's AlgorithmIdentifier for rsaEncryption (OID 1.2.840.113549.1.1.1, NULL). */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemKeys() {
    }

    static PrivateKey read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            if (text.contains("-----BEGIN PRIVATE KEY-----")) {
                return pkcs8(body(text, "PRIVATE KEY"), file);
            }
            if (text.contains("-----BEGIN RSA PRIVATE KEY-----") && !text.contains("ENCRYPTED")) {
                return KeyFactory.getInstance("RSA").generatePrivate(
                        new PKCS8EncodedKeySpec(wrapRsa(body(text, "RSA PRIVATE KEY"))));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + ": unreadable private key (" + e.getMessage() + ")", e);
        }
        throw new IOException(file + ": not an unencrypted PKCS#8 or RSA private key (convert it with"
                + " openssl pkcs8 -topk8 -nocrypt -in KEY -out " + file.getFileName() + ")");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // the next algorithm
            }
        }
        throw new IOException(file + ": a PKCS#8 key of no algorithm Berth knows (RSA, EC, Ed25519)");
    }

    private static byte[] body(String pem, String label) {
        int start = pem.indexOf("-----BEGIN " + label + "-----") + ("-----BEGIN " + label + "-----").length();
        int end = pem.indexOf("-----END " + label + "-----", start);
        return Base64.getMimeDecoder().decode(pem.substring(start, end));
    }

    /** PKCS#8 PrivateKeyInfo around a PKCS#1 RSAPrivateKey: version 0, the algorithm, the key as an OCTET STRING. */
    private static byte[] wrapRsa(byte[] pkcs1) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.write(new byte[] {0x02, 0x01, 0x00}, 0, 3);
        inner.write(RSA_ALGORITHM, 0, RSA_ALGORITHM.length);
        inner.write(0x04);
        writeLength(inner, pkcs1.length);
        inner.write(pkcs1, 0, pkcs1.length);
        ByteArrayOutputStream outer = new ByteArrayOutputStream();
        outer.write(0x30);
        writeLength(outer, inner.size());
        outer.write(inner.toByteArray(), 0, inner.size());
        return outer.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xff);
            out.write(length & 0xff);
        }
    }
}
