package io.berth.runtime.container;

import io.berth.runtime.init.ContainerInit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A class-data-sharing archive of the init stage's classes (the runtime's and JNA's), made once in
 * the background by a warm-up run and used by every later init stage: class loading is most of
 * that JVM's start. Only for jar class paths (CDS does not archive classes from directories); keyed
 * by the JVM, the class path and the jars' sizes and times, so a rebuilt jar gets a new archive.
 * -Dberth.init.nocds=true turns it off (to measure, or to rule it out).
 */
final class InitStageArchive {
    private static final AtomicBoolean MAKING = new AtomicBoolean();

    private InitStageArchive() {
    }

    /** The archive to pass with -XX:SharedArchiveFile, or null (then starts making it). */
    static Path archiveFor(String classPath, List<String> jvmFlags, Path cacheDirectory) {
        if (cacheDirectory == null || Boolean.getBoolean("berth.init.nocds")) {
            return null;
        }
        Path archive;
        try {
            archive = cacheDirectory.resolve("init-" + key(classPath, jvmFlags) + ".jsa");
        } catch (IOException notJars) {
            return null;
        }
        if (Files.isRegularFile(archive)) {
            return archive;
        }
        if (MAKING.compareAndSet(false, true)) {
            Thread maker = new Thread(() -> make(archive, classPath, jvmFlags), "berth-init-cds");
            maker.setDaemon(true);
            maker.start();
        }
        return null;
    }

    private static void make(Path archive, String classPath, List<String> jvmFlags) {
        Path temporary = archive.resolveSibling(archive.getFileName() + ".tmp" + ProcessHandle.current().pid());
        try {
            List<String> command = new ArrayList<>();
            command.add(InitStageCommand.javaExecutable());
            command.addAll(jvmFlags);
            command.add("-XX:ArchiveClassesAtExit=" + temporary);
            command.addAll(List.of("-cp", classPath, ContainerInit.class.getName(), ContainerInit.WARM_UP));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor() == 0 && Files.isRegularFile(temporary)) {
                Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE);
                removeStale(archive);
            }
        } catch (IOException | RuntimeException e) {
            // no archive: init stages start without it, a little slower
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // a stray temporary file in the cache directory
            }
            MAKING.set(false);
        }
    }

    /** Archives of earlier builds, untouched for a day (a build still in use would remake its own). */
    private static void removeStale(Path current) throws IOException {
        long dayAgo = System.currentTimeMillis() - 24L * 3600 * 1000;
        try (var archives = Files.newDirectoryStream(current.getParent(), "init-*.jsa")) {
            for (Path archive : archives) {
                if (!archive.equals(current) && Files.getLastModifiedTime(archive).toMillis() < dayAgo) {
                    Files.deleteIfExists(archive);
                }
            }
        }
    }

    private static String key(String classPath, List<String> jvmFlags) throws IOException {
        StringBuilder identity = new StringBuilder(System.getProperty("java.home"))
                .append('\n').append(System.getProperty("java.vm.version")).append('\n').append(jvmFlags);
        for (String entry : classPath.split(":")) {
            Path path = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(path)) {
                throw new IOException("not a jar: " + entry);
            }
            identity.append('\n').append(entry).append(' ').append(Files.size(path)).append(' ')
                    .append(Files.getLastModifiedTime(path).toMillis());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
