package io.berth.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A throwaway project directory under /tmp/berth-test-model-*: write files, load, delete. */
final class ComposeFixture implements AutoCloseable {
    final Path directory;
    final Map<String, String> environment = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "HOME", "/nonexistent"));

    ComposeFixture() {
        try {
            directory = Files.createTempDirectory("berth-test-model-").resolve("myapp");
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ComposeFixture file(String name, String content) {
        try {
            Path file = directory.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ComposeFixture bytes(String name, byte[] content) {
        try {
            Files.write(directory.resolve(name), content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LoadOptions options(String... files) {
        return LoadOptions.of(directory, environment).withConfigFiles(List.of(files));
    }

    LoadedModel load(String... files) throws ComposeProblemsException {
        return ProjectLoader.loadModel(options(files));
    }

    Project project(String... files) throws ComposeProblemsException {
        return load(files).project();
    }

    /** The canonical tree of one service as config prints it. */
    @SuppressWarnings("unchecked")
    Map<String, Object> service(String name) throws ComposeProblemsException {
        return (Map<String, Object>) ((Map<String, Object>) load().canonical().get("services")).get(name);
    }

    /** The problems of a load that must fail, as printed lines. */
    List<String> problems(String... files) {
        try {
            load(files);
        } catch (ComposeProblemsException e) {
            return List.of(e.getMessage().split("\n"));
        }
        throw new AssertionError("expected the load to fail");
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> paths = Files.walk(directory.getParent())) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        }
    }
}
