package io.berth.runtime.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minimal image layer made from the host's static busybox: bin/busybox, a symlink per applet,
 * etc/passwd and etc/group with a non-root user in supplementary groups.
 */
final class BusyboxRootfs {
    static final Path BUSYBOX = Path.of("/bin/busybox");

    private BusyboxRootfs() {
    }

    static Path create(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory.resolve("bin"));
        for (String name : new String[] {"etc", "tmp", "proc", "sys", "dev", "root", "home/app"}) {
            Files.createDirectories(directory.resolve(name));
        }
        Files.copy(BUSYBOX, directory.resolve("bin/busybox"));
        Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
        String applets = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor();
        for (String applet : applets.split("\n")) {
            Path link = directory.resolve("bin").resolve(applet.trim());
            if (!applet.isBlank() && !applet.equals("busybox") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, Path.of("busybox"));
            }
        }
        Files.writeString(directory.resolve("etc/passwd"), """
                root:x:0:0:root:/root:/bin/sh
                app:x:1000:1000:app:/home/app:/bin/sh
                nobody:x:65534:65534:nobody:/nonexistent:/bin/false
                """);
        Files.writeString(directory.resolve("etc/group"), """
                root:x:0:
                tty:x:5:
                app:x:1000:
                audio:x:29:app
                video:x:44:app
                nogroup:x:65534:
                """);
        Files.writeString(directory.resolve("etc/hosts"), "127.0.0.1 localhost\n");
        return directory;
    }
}
