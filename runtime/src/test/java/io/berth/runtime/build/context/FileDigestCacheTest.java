package io.berth.runtime.build.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestCacheTest {
    @TempDir
    Path dir;

    private static String sha(String text) {
        return Digest.sha256(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Clock later() {
        return Clock.fixed(Instant.now().plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
    }

    @Test
    void aFileWithTheSameStampIsNotReadAgain() throws Exception {
        Path file = Files.writeString(dir.resolve("app.py"), "print(1)\n");
        Path store = dir.resolve("digests");
        FileDigestCache first = FileDigestCache.load(store, later());
        assertEquals(sha("print(1)\n"), first.digestOf(file));
        first.save();
        // a remembered digest is returned as it is: rewrite the record with a digest the content does not have
        String record = Files.readString(store);
        Files.writeString(store, record.replace(sha("print(1)\n"), sha("remembered")));
        assertEquals(sha("remembered"), FileDigestCache.load(store, later()).digestOf(file));
    }

    @Test
    void aChangedFileIsReadAgain() throws Exception {
        Path file = Files.writeString(dir.resolve("app.py"), "print(1)\n");
        Path store = dir.resolve("digests");
        FileDigestCache first = FileDigestCache.load(store, later());
        first.digestOf(file);
        first.save();
        Files.writeString(file, "print(22)\n");
        assertEquals(sha("print(22)\n"), FileDigestCache.load(store, later()).digestOf(file));
    }

    @Test
    void aFileChangedJustNowIsNotRemembered() throws Exception {
        Path file = Files.writeString(dir.resolve("app.py"), "x");
        Path store = dir.resolve("digests");
        FileDigestCache cache = FileDigestCache.load(store, Clock.systemUTC());
        assertEquals(sha("x"), cache.digestOf(file));
        cache.save();
        assertFalse(Files.exists(store), "a racily new file must be read again next time");
    }

    @Test
    void aDamagedRecordIsNoRecord() throws Exception {
        Path file = Files.writeString(dir.resolve("a"), "a");
        Path store = Files.writeString(dir.resolve("digests"), "garbage\n1 2 x\n");
        assertEquals(sha("a"), FileDigestCache.load(store, later()).digestOf(file));
        assertTrue(Files.exists(store));
    }

    @Test
    void noneRemembersNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("a"), "a");
        FileDigestCache none = FileDigestCache.none();
        assertEquals(sha("a"), none.digestOf(file));
        none.save();
    }
}
