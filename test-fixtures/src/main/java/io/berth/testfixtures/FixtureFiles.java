package io.berth.testfixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Small file helpers of the fixtures: digests, atomic writes, finding the repository's scripts. */
final class FixtureFiles {
    private FixtureFiles() {
    }

    static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void writeAtomically(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".tmp-", "");
        Files.write(temp, content);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** {@code test-fixtures/scripts/NAME}, found from the working directory of any module. */
    static Path script(String name) {
        String configured = System.getProperty("berth.fixtures.scripts");
        if (configured != null) {
            return Path.of(configured).resolve(name);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("test-fixtures").resolve("scripts").resolve(name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find test-fixtures/scripts/" + name + " above "
                + Path.of("").toAbsolutePath() + " (set -Dberth.fixtures.scripts=DIR)");
    }
}
