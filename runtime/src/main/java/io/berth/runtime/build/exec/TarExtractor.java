package io.berth.runtime.build.exec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * ADD of a local tar archive (plain, gzip, bzip2 or xz when available): extracted into the
 * destination directory instead of copied, as Docker does. Entry names with ".." or absolute
 * paths are kept inside the destination; owners and modes come from the archive.
 */
final class TarExtractor implements CopyExecutor.ArchiveHandler {

    @Override
    public boolean extracts(Path source) throws IOException {
        try (InputStream in = open(source); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            return tar.getNextEntry() != null;
        } catch (IOException | IllegalArgumentException e) {
            return false; // not an archive: copied as a file
        }
    }

    @Override
    public void extract(Path archive, CopyExecutor into, String destinationDir) throws IOException {
        try (InputStream in = open(archive); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = clean(entry.getName());
                if (name.isEmpty()) {
                    continue;
                }
                String absolute = destinationDir + name;
                if (entry.isDirectory()) {
                    into.ensureDirectory(absolute);
                    continue;
                }
                Path target = into.placeFile(absolute);
                Files.deleteIfExists(target);
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    continue;
                }
                if (entry.isLink()) {
                    Files.createLink(target, into.placeFile(destinationDir + clean(entry.getLinkName())));
                    continue;
                }
                if (!entry.isFile()) {
                    continue; // devices and fifos: not extracted (as the layer unpacker)
                }
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                int uid = into.owner().ids().map(ids -> ids[0]).orElse((int) entry.getLongUserId());
                int gid = into.owner().ids().map(ids -> ids[1]).orElse((int) entry.getLongGroupId());
                CopyExecutor.setOwnerAndMode(target, uid, gid, into.owner().mode(entry.getMode() & 07777, false));
                Files.setLastModifiedTime(target, FileTime.from(entry.getLastModifiedDate().toInstant()));
            }
        }
    }

    /** The entry's path relative to the destination, never leaving it. */
    private static String clean(String name) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    private static InputStream open(Path source) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS), 65536);
        try {
            return new CompressorStreamFactory().createCompressorInputStream(raw);
        } catch (CompressorException notCompressed) {
            return raw;
        }
    }
}
