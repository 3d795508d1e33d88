package io.berth.runtime.container;

import io.berth.runtime.linux.Mounts;
import io.berth.runtime.linux.Namespaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The container's overlay. Its options must fit in one page, which absolute layer paths outgrow
 * at about 40 layers; so, as Docker's overlay2 does with its short {@code l/} links, each lower
 * layer gets a short symbolic link ({@code lower/0}, {@code lower/1}, ... beside the rootfs) and the
 * mount names them relative to that directory, from a thread that unshared its working directory
 * (CLONE_FS) so the JVM's stays as it is. A layer listed twice is mounted once, at its top-most
 * place (overlayfs refuses a repeated layer with ELOOP; the lower copy changes nothing). Docker's
 * limit of 128 layers is kept, with a clear error beyond it.
 */
public final class OverlayMount {
    static final int MAX_LAYERS = 128;
    private static final int CLONE_FS = 0x200;

    private OverlayMount() {
    }

    /** {@code lowerDirs} top-most first; each kept once, at its top-most place. */
    static List<Path> distinct(List<Path> lowerDirs) {
        return new ArrayList<>(new LinkedHashSet<>(lowerDirs.stream().map(Path::normalize).toList()));
    }

    public static void mount(Path rootfs, List<Path> lowerDirs, Path upperDir, Path workDir) {
        List<Path> lowers = distinct(lowerDirs);
        if (lowers.size() > MAX_LAYERS) {
            throw new IllegalArgumentException("the image has " + lowers.size() + " layers; berth, as Docker,"
                    + " runs images of at most " + MAX_LAYERS + " (squash some layers when building it)");
        }
        Path links = rootfs.resolveSibling("lower");
        StringBuilder lowerdir = new StringBuilder();
        try {
            removeLinks(links);
            Files.createDirectories(links);
            for (int i = 0; i < lowers.size(); i++) {
                Files.createSymbolicLink(links.resolve(Integer.toString(i)), lowers.get(i).toAbsolutePath());
                lowerdir.append(i == 0 ? "" : ":").append(i);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("link the layers under " + links + ": " + e.getMessage(), e);
        }
        String options = "lowerdir=" + lowerdir + ",upperdir=" + upperDir.toAbsolutePath() + ",workdir="
                + workDir.toAbsolutePath();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                Namespaces.unshare(CLONE_FS); // this thread's working directory only, never the JVM's
                Mounts.chdir(links.toString());
                Mounts.mount("overlay", rootfs.toString(), "overlay", 0, options,
                        rootfs + " (" + lowers.size() + " layers linked in " + links + ")");
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "berth-overlay-mount");
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while mounting " + rootfs, e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static void removeLinks(Path links) throws IOException {
        if (!Files.isDirectory(links, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> entries = Files.list(links)) {
            for (Path link : entries.toList()) {
                Files.delete(link); // the links only, never what they point to
            }
        }
    }
}
