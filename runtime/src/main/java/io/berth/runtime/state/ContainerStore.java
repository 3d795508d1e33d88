package io.berth.runtime.state;

import io.berth.runtime.ContainerId;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads and writes state.json files. Only the supervisor writes (it holds the state root's
 * supervisor lock), and it serialises writes per container, so a file lock per container is not
 * needed; readers see whole files thanks to the atomic rename.
 */
public final class ContainerStore {
    private final ContainerLayout layout;

    public ContainerStore(ContainerLayout layout) {
        this.layout = layout;
    }

    public ContainerLayout layout() {
        return layout;
    }

    public void save(ContainerRecord record) {
        try {
            if (!Files.isDirectory(layout.dir(record.id()))) {
                // 0700: its state, logs, upper and rootfs are for Berth's user only, whatever the root's mode
                io.berth.runtime.linux.PrivateFiles.directory(layout.dir(record.id()));
            }
            AtomicFiles.write(layout.stateFile(record.id()),
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
        } catch (IOException e) {
            throw new RuntimeOperationException(Kind.FAILED, "write state of container " + record.name()
                    + " to " + layout.stateFile(record.id()) + ": " + e.getMessage(), e);
        }
    }

    public Optional<ContainerRecord> load(ContainerId id) {
        Path file = layout.stateFile(id);
        try {
            ContainerRecord record = Json.MAPPER.readValue(Files.readAllBytes(file), ContainerRecord.class);
            if (record.id() == null || !record.id().equals(id) || record.state() == null) {
                throw new IOException("state file does not describe container " + id);
            }
            return Optional.of(record);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RuntimeOperationException(Kind.FAILED, "read state of container " + id.shortId()
                    + " from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every container with a readable state file; unreadable ones are reported to {@code onError}. */
    public List<ContainerRecord> loadAll(java.util.function.Consumer<RuntimeOperationException> onError) {
        List<ContainerRecord> records = new ArrayList<>();
        if (!Files.isDirectory(layout.containersRoot())) {
            return records;
        }
        try (Stream<Path> dirs = Files.list(layout.containersRoot())) {
            for (Path dir : dirs.sorted().toList()) {
                ContainerId id;
                try {
                    id = new ContainerId(dir.getFileName().toString());
                } catch (IllegalArgumentException notAContainer) {
                    continue;
                }
                try {
                    load(id).ifPresent(records::add);
                } catch (RuntimeOperationException e) {
                    onError.accept(e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    /** Deletes the container's directory (state, logs, upper layer). */
    public void delete(ContainerId id) throws IOException {
        Path dir = layout.dir(id);
        if (!Files.exists(dir)) {
            return;
        }
        refuseIfMounted(layout.rootfs(id));
        // state.json first: a half-deleted directory must never look like a container again
        Files.deleteIfExists(layout.stateFile(id));
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Deleting through a still-mounted root would delete the image's shared layers: never. */
    private static void refuseIfMounted(Path rootfs) throws IOException {
        String target = rootfs.toAbsolutePath().toString();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] fields = line.split(" ");
            if (fields.length > 4 && (fields[4].equals(target) || fields[4].startsWith(target + "/"))) {
                throw new IOException("its root " + target + " is still mounted");
            }
        }
    }
}
