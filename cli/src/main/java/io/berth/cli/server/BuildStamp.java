package io.berth.cli.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The server's jars (its class path, "dir/*" expanded) and the client binary beside them, by size
 * and modification time, taken at start: a rebuilt Berth must never run old code, so the server
 * compares on every request (about 16 stats) and steps aside when anything differs.
 */
record BuildStamp(List<String> entries) {
    static BuildStamp of(String classPath, Path client) {
        List<Path> files = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.endsWith("*")) {
                Path directory = Path.of(entry.substring(0, entry.length() - 1));
                files.add(directory);
                try (Stream<Path> jars = Files.list(directory)) {
                    jars.filter(path -> path.toString().endsWith(".jar")).sorted().forEach(files::add);
                } catch (IOException e) {
                    // stamped as missing below
                }
            } else if (!entry.isEmpty()) {
                files.add(Path.of(entry));
            }
        }
        if (client != null) {
            files.add(client);
        }
        List<String> entries = new ArrayList<>();
        for (Path file : files) {
            entries.add(stamp(file));
        }
        return new BuildStamp(List.copyOf(entries));
    }

    private static String stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            // a directory's mtime changes when a jar is added or removed
            return file + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return file + " missing";
        }
    }
}
