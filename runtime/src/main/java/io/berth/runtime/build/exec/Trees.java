package io.berth.runtime.build.exec;

import io.berth.runtime.image.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/** File tree chores of the builder. */
final class Trees {
    private Trees() {
    }

    static void deleteRecursively(Path root) throws IOException {
        FileTrees.deleteRecursively(root); // the image store's: read-only directories emptied too
    }

    static void deleteQuietly(Path root) {
        try {
            deleteRecursively(root);
        } catch (IOException e) {
            // a leftover work file; the builder's temp directory is swept on prune
        }
    }

    /**
     * Removes from {@code upper} a mount point the runtime made for a RUN (absent from the image):
     * the file or directory if still empty, then its parents as far as they are empty, so that a
     * layer never carries /proc, /etc/hosts or a cache mount's target the image did not have.
     */
    static void removeStub(Path upper, String absolutePath) throws IOException {
        Path path = upper.resolve(absolutePath.replaceAll("^/+", ""));
        while (!path.equals(upper) && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> children = Files.list(path)) {
                    if (children.findAny().isPresent()) {
                        return;
                    }
                }
            } else if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.size(path) != 0) {
                return;
            }
            Files.delete(path);
            path = path.getParent();
        }
    }
}
