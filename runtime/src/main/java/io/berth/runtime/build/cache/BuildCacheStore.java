package io.berth.runtime.build.cache;

import io.berth.runtime.Digest;
import io.berth.runtime.image.BuilderStore;
import io.berth.runtime.state.AtomicFiles;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The build cache on disk, under {@code <stateRoot>/builder}:
 * <ul>
 *   <li>{@code cache/keys/<hex>.json}: a {@link CacheRecord} per step key (the layer lives in the
 *       image store, as a pulled layer does; a record whose layer is gone is a miss);</li>
 *   <li>{@code cache/steps/<hex>.json}: the last key of a step at a place (context, Dockerfile,
 *       stage, step number), to tell on a miss what changed;</li>
 *   <li>{@code cache-mounts/<sha256(id)>}: the directories of RUN --mount=type=cache.</li>
 * </ul>
 * Files are written through {@link AtomicFiles} (unique temp file, fsync, rename), so concurrent
 * builds never see half a record.
 */
public final class BuildCacheStore {
    private final Path root;

    public BuildCacheStore(Path stateRoot) {
        this.root = stateRoot.resolve("builder");
    }

    /** The remembered digests of context files ({@code FileDigestCache}), cleared with the records. */
    public Path fileDigestsFile() {
        return root.resolve("cache/file-digests");
    }

    public Path cacheMountsDir() {
        return root.resolve("cache-mounts");
    }

    /** The record of {@code key} if its layer (when it has one) is still in the store. */
    public Optional<CacheRecord> lookup(Digest key, BuilderStore store) {
        Optional<CacheRecord> record = read(keyFile(key), CacheRecord.class);
        return record.filter(found -> found.layer() == null || store.has(found.layer()));
    }

    public void save(CacheRecord record) throws IOException {
        write(keyFile(record.key().digest()), Json.MAPPER.writeValueAsBytes(record), true);
    }

    /** The key the step at {@code place} had in the last build there. */
    public Optional<CacheKey> lastKeyAt(String place) {
        return read(placeFile(place), CacheKey.class);
    }

    /**
     * Records the key of the step at {@code place}. Only a hint for {@link #lastKeyAt}: written
     * only when it changed (a no-op rebuild writes nothing) and not fsynced (a record lost in a
     * crash makes the next miss say "not built before", nothing worse).
     */
    public void rememberKeyAt(String place, CacheKey key) throws IOException {
        Path file = placeFile(place);
        byte[] content = Json.MAPPER.writeValueAsBytes(key);
        if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), content)) {
            return;
        }
        write(file, content, false);
    }

    /**
     * The checksum a COPY's selection in a stage or image had, by {@code memo} (the source's and
     * destination's layer digests and the step's sources): a hint, so not fsynced.
     */
    public Optional<io.berth.runtime.build.context.ContentChecksum> copyChecksum(String memo) {
        return read(memoFile(memo), io.berth.runtime.build.context.ContentChecksum.class);
    }

    public void rememberCopyChecksum(String memo, io.berth.runtime.build.context.ContentChecksum checksum) throws IOException {
        write(memoFile(memo), Json.MAPPER.writeValueAsBytes(checksum), false);
    }

    private Path memoFile(String memo) {
        return root.resolve("cache/copy-checksums").resolve(Digest.sha256(memo.getBytes(StandardCharsets.UTF_8)).hex() + ".json");
    }

    /** Every record, for prune. Unreadable ones are skipped (prune removes their files anyway). */
    public List<CacheRecord> all() throws IOException {
        List<CacheRecord> records = new ArrayList<>();
        Path dir = root.resolve("cache/keys");
        if (!Files.isDirectory(dir)) {
            return records;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                read(file, CacheRecord.class).ifPresent(records::add);
            }
        }
        return records;
    }

    /** Removes every record and cache mount; returns (records, cache mounts, bytes of the mounts). */
    public long[] clear() throws IOException {
        long records = countFiles(root.resolve("cache/keys"));
        long mounts = countDirectories(cacheMountsDir());
        long bytes = sizeOf(cacheMountsDir());
        deleteTree(root.resolve("cache"));
        deleteTree(cacheMountsDir());
        return new long[] {records, mounts, bytes};
    }

    private Path keyFile(Digest key) {
        return root.resolve("cache/keys").resolve(key.hex() + ".json");
    }

    private Path placeFile(String place) {
        return root.resolve("cache/steps").resolve(Digest.sha256(place.getBytes(StandardCharsets.UTF_8)).hex() + ".json");
    }

    private static <T> Optional<T> read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.MAPPER.readValue(file.toFile(), type));
        } catch (IOException e) {
            return Optional.empty(); // a damaged record is a miss; the step runs and rewrites it
        }
    }

    /** Key records are durable; step records and remembered checksums are hints (rename only, no fsync). */
    private static void write(Path target, byte[] content, boolean durable) throws IOException {
        if (durable) {
            AtomicFiles.write(target, content);
        } else {
            AtomicFiles.writeHint(target, content);
        }
    }

    private static long countFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    private static long countDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isDirectory).count(); // not the .lock files beside them
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
