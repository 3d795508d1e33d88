package io.berth.runtime.image;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** An htpasswd line (bcrypt, as htpasswd -B makes it) through the host's libcrypt (libxcrypt). */
public final class Bcrypt {
    private interface Crypt extends Library {
        String crypt_gensalt(String prefix, long count, String random, int size);

        String crypt(String phrase, String setting);
    }

    private Bcrypt() {
    }

    public static String htpasswdLine(String user, String password) {
        Crypt crypt = Native.load("crypt", Crypt.class);
        String setting = crypt.crypt_gensalt("$2b$", 10, null, 0);
        if (setting == null) {
            throw new IllegalStateException("libcrypt cannot make a bcrypt salt");
        }
        return user + ":" + crypt.crypt(password, setting);
    }
}
