package io.berth.testfixtures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Builds tar archives entry by entry, including the ones no honest tool makes (names with
 * "..", absolute names kept as written, links out of the root, duplicate entries, device nodes),
 * for tests of layer unpacking.
 */
public final class TarBuilder {
    public static final Date MTIME = new Date(1_700_000_000_000L);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    public TarBuilder() {
        tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    public TarBuilder dir(String name, int mode, int uid, int gid) {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
        return put(owned(entry, mode, uid, gid), null);
    }

    public TarBuilder dir(String name) {
        return dir(name, 0755, 0, 0);
    }

    public TarBuilder file(String name, String content, int mode, int uid, int gid) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), mode, uid, gid);
    }

    public TarBuilder file(String name, byte[] content, int mode, int uid, int gid) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        return put(owned(entry, mode, uid, gid), content);
    }

    public TarBuilder file(String name, String content) {
        return file(name, content, 0644, 0, 0);
    }

    public TarBuilder symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        return put(owned(entry, 0777, 0, 0), null);
    }

    public TarBuilder hardlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        return put(owned(entry, 0644, 0, 0), null);
    }

    public TarBuilder charDevice(String name, int major, int minor) {
        return device(name, TarConstants.LF_CHR, major, minor);
    }

    public TarBuilder blockDevice(String name, int major, int minor) {
        return device(name, TarConstants.LF_BLK, major, minor);
    }

    public TarBuilder fifo(String name) {
        return put(owned(new TarArchiveEntry(name, TarConstants.LF_FIFO, true), 0644, 0, 0), null);
    }

    /** A file with PAX records, e.g. SCHILY.xattr.user.note. */
    public TarBuilder fileWithPax(String name, String content, Map<String, String> pax) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = owned(new TarArchiveEntry(name, true), 0644, 0, 0);
        entry.setSize(data.length);
        pax.forEach(entry::addPaxHeader);
        return put(entry, data);
    }

    private TarBuilder device(String name, byte type, int major, int minor) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setDevMajor(major);
        entry.setDevMinor(minor);
        return put(owned(entry, 0600, 0, 0), null);
    }

    private static TarArchiveEntry owned(TarArchiveEntry entry, int mode, int uid, int gid) {
        entry.setMode(typeBits(entry) | mode);
        entry.setUserId(uid);
        entry.setGroupId(gid);
        entry.setModTime(MTIME);
        return entry;
    }

    /** The file-type bits of st_mode that real tar tools write in the mode field. */
    private static int typeBits(TarArchiveEntry entry) {
        if (entry.isDirectory()) {
            return 0040000;
        }
        if (entry.isSymbolicLink()) {
            return 0120000;
        }
        if (entry.isFIFO()) {
            return 0010000;
        }
        if (entry.isCharacterDevice()) {
            return 0020000;
        }
        if (entry.isBlockDevice()) {
            return 0060000;
        }
        return 0100000;
    }

    private TarBuilder put(TarArchiveEntry entry, byte[] content) {
        try {
            tar.putArchiveEntry(entry);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The finished tar. */
    public byte[] bytes() {
        try {
            tar.finish();
            tar.close();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path writeTo(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
