package io.berth.runtime.build.exec;

import io.berth.runtime.build.context.ContextEntry;
import io.berth.runtime.build.context.CopyItem;
import io.berth.runtime.build.context.CopySelection;
import io.berth.runtime.build.plan.InlineFile;
import io.berth.runtime.linux.FileNodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * COPY and ADD without a container: the selected entries are written into a fresh layer directory
 * on the host. Destinations are resolved inside the stage's root through its symlinks, never out
 * of it; parent directories the image has keep their mode and owner in the layer.
 */
final class CopyExecutor {
    private final List<Path> layersTopFirst;
    private final Path layerDir;
    private final CopyOwner owner;
    private final List<Path[]> directoryTimes = new ArrayList<>();

    /** @param layerDir the new layer, an empty directory on the store's filesystem */
    CopyExecutor(List<Path> layersTopFirst, Path layerDir, CopyOwner owner) {
        this.layersTopFirst = layersTopFirst;
        this.layerDir = layerDir;
        this.owner = owner;
    }

    /**
     * Copies {@code selection} from {@code sourceRoot}. {@code keepOwners}: entries keep their uid
     * and gid (from a stage or image); from a context they become root's, as BuildKit does.
     */
    void copy(Path sourceRoot, CopySelection selection, boolean keepOwners, ArchiveHandler archives) throws IOException {
        for (String destination : selection.destinations()) {
            ensureDirectory(ImagePaths.resolveAll(layersTopFirst, destination));
        }
        for (CopyItem item : selection.items()) {
            ContextEntry entry = item.entry();
            Path source = sourceRoot.resolve(entry.path());
            String resolved = ImagePaths.resolveParents(layersTopFirst, item.destination());
            Path target = inLayer(resolved);
            ensureDirectory(parentOf(resolved));
            int uid = owner.ids().map(ids -> ids[0]).orElse(keepOwners ? entry.uid() : 0);
            int gid = owner.ids().map(ids -> ids[1]).orElse(keepOwners ? entry.gid() : 0);
            int mode = owner.mode(entry.mode(), entry.kind() == ContextEntry.Kind.DIRECTORY);
            switch (entry.kind()) {
                case DIRECTORY -> {
                    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(target);
                        Files.createDirectory(target);
                    }
                    setOwnerAndMode(target, uid, gid, mode);
                    directoryTimes.add(new Path[] {target, source});
                }
                case FILE -> {
                    if (archives != null && archives.extracts(source)) {
                        archives.extract(source, this, resolved.substring(0, resolved.lastIndexOf('/') + 1));
                        continue;
                    }
                    Files.deleteIfExists(target);
                    Files.copy(source, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                    setOwnerAndMode(target, uid, gid, mode);
                    Files.setLastModifiedTime(target, Files.getLastModifiedTime(source, LinkOption.NOFOLLOW_LINKS));
                }
                case SYMLINK -> {
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(entry.linkTarget()));
                    Files.setAttribute(target, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(target, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
                    FileNodes.lutimes(target, Files.getLastModifiedTime(source, LinkOption.NOFOLLOW_LINKS).toInstant());
                }
                case OTHER -> {
                    // fifos and devices are not copied: a build context has none worth keeping
                }
            }
        }
        finishDirectories();
    }

    /** Heredoc sources: each written as a file under the destination directory. */
    void writeInline(List<InlineFile> files, String destination, boolean destinationIsDirectory, Instant now) throws IOException {
        for (InlineFile file : files) {
            String absolute = destinationIsDirectory
                    ? (destination.endsWith("/") ? destination : destination + "/") + file.path() : destination;
            String resolved = ImagePaths.resolveParents(layersTopFirst, absolute);
            ensureDirectory(parentOf(resolved));
            Path target = inLayer(resolved);
            Files.deleteIfExists(target);
            Files.writeString(target, file.content(), StandardCharsets.UTF_8);
            setOwnerAndMode(target, owner.ids().map(ids -> ids[0]).orElse(0), owner.ids().map(ids -> ids[1]).orElse(0),
                    owner.mode(file.mode(), false));
            Files.setLastModifiedTime(target, FileTime.from(now));
        }
    }

    /** Writes a downloaded or extracted file at an absolute destination (ADD). */
    Path placeFile(String absoluteDestination) throws IOException {
        String resolved = ImagePaths.resolveParents(layersTopFirst, absoluteDestination);
        ensureDirectory(parentOf(resolved));
        return inLayer(resolved);
    }

    CopyOwner owner() {
        return owner;
    }

    /** Makes {@code absoluteDir} in the layer: parents the image has keep its metadata, new ones get the copy's owner. */
    void ensureDirectory(String absoluteDir) throws IOException {
        Path current = layerDir;
        String imagePath = "";
        for (String part : absoluteDir.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            imagePath = imagePath + "/" + part;
            current = current.resolve(part);
            if (Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.deleteIfExists(current);
            Files.createDirectory(current);
            Optional<Path> existing = RootFiles.find(layersTopFirst, imagePath);
            if (existing.isPresent() && Files.isDirectory(existing.get(), LinkOption.NOFOLLOW_LINKS)) {
                Map<String, Object> attributes = Files.readAttributes(existing.get(), "unix:mode,uid,gid,lastModifiedTime",
                        LinkOption.NOFOLLOW_LINKS);
                setOwnerAndMode(current, (Integer) attributes.get("uid"), (Integer) attributes.get("gid"),
                        ((Integer) attributes.get("mode")) & 07777);
                Files.setLastModifiedTime(current, (FileTime) attributes.get("lastModifiedTime"));
            } else {
                setOwnerAndMode(current, owner.ids().map(ids -> ids[0]).orElse(0),
                        owner.ids().map(ids -> ids[1]).orElse(0), 0755);
            }
        }
    }

    private void finishDirectories() throws IOException {
        for (int i = directoryTimes.size() - 1; i >= 0; i--) {
            Path[] pair = directoryTimes.get(i);
            Files.setLastModifiedTime(pair[0], Files.getLastModifiedTime(pair[1], LinkOption.NOFOLLOW_LINKS));
        }
        directoryTimes.clear();
    }

    private Path inLayer(String absolute) {
        String relative = absolute.replaceAll("^/+", "");
        return relative.isEmpty() ? layerDir : layerDir.resolve(relative);
    }

    private static String parentOf(String absolute) {
        int slash = absolute.lastIndexOf('/');
        return slash <= 0 ? "/" : absolute.substring(0, slash);
    }

    static void setOwnerAndMode(Path path, int uid, int gid, int mode) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        FileNodes.chmod(path, mode); // after chown, which clears setuid/setgid
    }

    /** ADD of a local archive: recognised and extracted into the destination directory. */
    interface ArchiveHandler {
        boolean extracts(Path source) throws IOException;

        void extract(Path archive, CopyExecutor into, String destinationDir) throws IOException;
    }
}
