package io.berth.runtime.build.context;

import io.berth.runtime.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content digests of build-context files, remembered between builds by path, inode, size, mtime
 * and ctime, so that a rebuild does not read files that did not change. The content digest stays
 * what the cache key holds; this only avoids computing it again. A file whose ctime is less than
 * {@link #RACY} old when hashed is not remembered (it could change again within the same
 * timestamp tick, as git's "racily clean" entries). The file is a hint: written by rename, not
 * fsynced, and a damaged or missing one only means files are read again.
 */
public final class FileDigestCache {
    static final Duration RACY = Duration.ofSeconds(2);
    private static final int MAX_ENTRIES = 200_000;
    private final Path file;
    private final Map<String, Entry> known;
    private final Map<String, Entry> seen = new ConcurrentHashMap<>();
    private final java.time.Clock clock;
    private volatile boolean changed;

    private FileDigestCache(Path file, Map<String, Entry> known, java.time.Clock clock) {
        this.file = file;
        this.known = known;
        this.clock = clock;
    }

    /** Remembers nothing: every file is read (sources in a stage's or image's root). */
    public static FileDigestCache none() {
        return new FileDigestCache(null, Map.of(), java.time.Clock.systemUTC());
    }

    /** The digests recorded in {@code file}, empty when it is missing or unreadable. */
    public static FileDigestCache load(Path file) {
        return load(file, java.time.Clock.systemUTC());
    }

    /** As above, judging "racily new" files by {@code clock}. */
    static FileDigestCache load(Path file, java.time.Clock clock) {
        Map<String, Entry> known = new ConcurrentHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Entry.parse(line).ifPresent(entry -> known.put(entry.path(), entry));
            }
        } catch (IOException | RuntimeException e) {
            known.clear(); // a damaged hint is no hint
        }
        return new FileDigestCache(file, known, clock);
    }

    /** The content digest of the regular file {@code path} ("sha256:..."). */
    public String digestOf(Path path) throws IOException {
        if (file == null) {
            return contentDigest(path);
        }
        String name = path.toAbsolutePath().toString();
        Stamp stamp = Stamp.of(path);
        Entry entry = known.get(name);
        if (entry != null && entry.stamp().equals(stamp)) {
            seen.put(name, entry);
            return entry.digest();
        }
        String digest = contentDigest(path);
        Stamp after = Stamp.of(path);
        boolean racy = clock.instant().minus(RACY).isBefore(Instant.ofEpochSecond(0, after.ctimeNanos()));
        if (after.equals(stamp) && !racy && name.indexOf('\n') < 0) {
            seen.put(name, new Entry(name, stamp, digest));
            changed = true;
        }
        return digest;
    }

    /** Writes the entries of this build (and as many earlier ones as fit) when anything was new. */
    public void save() throws IOException {
        if (file == null || !changed) {
            return;
        }
        Map<String, Entry> all = new java.util.TreeMap<>();
        if (known.size() + seen.size() <= MAX_ENTRIES) {
            all.putAll(known);
        }
        all.putAll(seen);
        StringBuilder text = new StringBuilder();
        for (Entry entry : all.values()) {
            text.append(entry.line()).append('\n');
        }
        io.berth.runtime.state.AtomicFiles.writeHint(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String contentDigest(Path file) throws IOException {
        MessageDigest sha = Digest.newSha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                sha.update(buffer, 0, read);
            }
        }
        return Digest.of(sha.digest()).toString();
    }

    /** What tells a file unchanged without reading it. */
    record Stamp(long inode, long size, long mtimeNanos, long ctimeNanos) {
        static Stamp of(Path path) throws IOException {
            Map<String, Object> unix = Files.readAttributes(path, "unix:ino,size,lastModifiedTime,ctime",
                    LinkOption.NOFOLLOW_LINKS);
            return new Stamp((Long) unix.get("ino"), (Long) unix.get("size"),
                    nanos((FileTime) unix.get("lastModifiedTime")), nanos((FileTime) unix.get("ctime")));
        }

        private static long nanos(FileTime time) {
            Instant instant = time.toInstant();
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        }
    }

    record Entry(String path, Stamp stamp, String digest) {
        String line() {
            return stamp.inode() + " " + stamp.size() + " " + stamp.mtimeNanos() + " " + stamp.ctimeNanos() + " "
                    + digest + " " + path;
        }

        static java.util.Optional<Entry> parse(String line) {
            String[] parts = line.split(" ", 6);
            if (parts.length != 6 || !parts[4].startsWith("sha256:")) {
                return java.util.Optional.empty();
            }
            Stamp stamp = new Stamp(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]));
            return java.util.Optional.of(new Entry(parts[5], stamp, parts[4]));
        }
    }
}
