package io.berth.runtime.network;

import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.state.StateLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one class that knows where networks live on disk: {@code stateRoot/networks/<name>.json},
 * one file per network, written atomically, changed under {@code networks/.lock}.
 */
public final class NetworkStore {
    /** Docker's rule for network (and volume) names. */
    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private final Path directory;
    private final Path lockFile;

    public NetworkStore(Path stateRoot) {
        this.directory = stateRoot.resolve("networks");
        this.lockFile = directory.resolve(".lock");
    }

    public static void validateName(String name) {
        if (name == null || name.length() > 200 || !NAME.matcher(name).matches()) {
            throw new RuntimeOperationException(Kind.INVALID, "invalid network name \"" + name
                    + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
    }

    public Optional<NetworkRecord> find(String name) {
        validateName(name);
        return AtomicJsonFile.read(fileOf(name), NetworkRecord.class);
    }

    public NetworkRecord get(String name) {
        return find(name).orElseThrow(() -> new RuntimeOperationException(Kind.NOT_FOUND,
                "network \"" + name + "\" not found"));
    }

    public List<NetworkRecord> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<NetworkRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(".json") && !fileName.startsWith(".")) {
                    AtomicJsonFile.read(file, NetworkRecord.class).ifPresent(records::add);
                }
            }
        } catch (IOException e) {
            throw new RuntimeOperationException(Kind.FAILED, "list networks in " + directory + ": " + e.getMessage(), e);
        }
        return records;
    }

    /** Runs {@code action} holding this store's lock (reentrant). */
    public <T> T locked(Supplier<T> action) {
        return StateLock.with(lockFile, action);
    }

    public void save(NetworkRecord record) {
        validateName(record.name());
        locked(() -> {
            AtomicJsonFile.write(fileOf(record.name()), record);
            return null;
        });
    }

    /** Read-modify-write of one network under the lock. */
    public NetworkRecord update(String name, UnaryOperator<NetworkRecord> change) {
        return locked(() -> {
            NetworkRecord updated = change.apply(get(name));
            AtomicJsonFile.write(fileOf(name), updated);
            return updated;
        });
    }

    public void delete(String name) {
        locked(() -> {
            try {
                Files.deleteIfExists(fileOf(name));
            } catch (IOException e) {
                throw new RuntimeOperationException(Kind.FAILED, "remove network state " + fileOf(name) + ": " + e.getMessage(), e);
            }
            return null;
        });
    }

    private Path fileOf(String name) {
        return directory.resolve(name + ".json");
    }
}
