package io.berth.runtime.network;

import io.berth.runtime.RuntimeOperationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a kernel setting under /proc/sys (e.g. {@code net/ipv4/ip_forward}) when it differs. */
final class Sysctl {
    private Sysctl() {
    }

    static void write(String key, String value) {
        Path file = Path.of("/proc/sys").resolve(key);
        try {
            if (Files.readString(file).strip().equals(value)) {
                return;
            }
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    "set " + key.replace('/', '.') + "=" + value + ": " + e.getMessage(), e);
        }
    }
}
