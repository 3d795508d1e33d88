package io.berth.runtime.seccomp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * System call numbers of one architecture (resources NAME.syscalls, generated from the kernel's
 * uapi headers), its AUDIT_ARCH_* value (seccomp_data.arch) and its name in Docker profiles.
 *
 * @param dockerArch  the name in a profile's includes/excludes "arches" (Go's GOARCH: amd64, arm64)
 * @param x32Bit      on x86_64, numbers with this bit set are the x32 ABI's: refused as another arch
 */
public record SyscallTable(String dockerArch, int auditArch, long x32Bit, Map<String, Integer> numbers) {
    public static final SyscallTable X86_64 = load("x86_64", "amd64", 0xC000003E, 0x40000000L);
    public static final SyscallTable AARCH64 = load("aarch64", "arm64", 0xC00000B7, 0);

    public SyscallTable {
        numbers = Collections.unmodifiableMap(new HashMap<>(numbers));
    }

    /** The table of this machine's architecture (os.arch); empty when Berth has none for it. */
    public static Optional<SyscallTable> host() {
        return switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of(X86_64);
            case "aarch64", "arm64" -> Optional.of(AARCH64);
            default -> Optional.empty();
        };
    }

    public Optional<Integer> number(String name) {
        return Optional.ofNullable(numbers.get(name));
    }

    private static SyscallTable load(String resource, String dockerArch, int auditArch, long x32Bit) {
        Map<String, Integer> numbers = new HashMap<>();
        try (InputStream in = SyscallTable.class.getResourceAsStream(resource + ".syscalls")) {
            if (in == null) {
                throw new IllegalStateException("the system call table " + resource + ".syscalls is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.trim().split(" ");
                numbers.put(fields[0], Integer.parseInt(fields[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("read " + resource + ".syscalls", e);
        }
        return new SyscallTable(dockerArch, auditArch, x32Bit, numbers);
    }
}
