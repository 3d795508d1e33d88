package io.berth.model.files;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A fake file system for the pure discovery rules: files with content, and the directories above them. */
public final class InMemoryFiles implements ProjectFiles {

    private final Map<Path, String> files = new HashMap<>();
    private final Set<Path> directories = new HashSet<>();

    public InMemoryFiles file(String path, String content) {
        Path file = Path.of(path);
        files.put(file, content);
        for (Path parent = file.getParent(); parent != null; parent = parent.getParent()) {
            directories.add(parent);
        }
        return this;
    }

    public InMemoryFiles directory(String path) {
        for (Path directory = Path.of(path); directory != null; directory = directory.getParent()) {
            directories.add(directory);
        }
        return this;
    }

    @Override
    public boolean isFile(Path path) {
        return files.containsKey(path);
    }

    @Override
    public boolean isDirectory(Path path) {
        return directories.contains(path);
    }

    @Override
    public String read(Path path) throws IOException {
        String content = files.get(path);
        if (content == null) {
            throw new NoSuchFileException(path.toString());
        }
        return content;
    }
}
