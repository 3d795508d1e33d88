package io.berth.runtime.build.exec;

import io.berth.runtime.Digest;
import io.berth.runtime.linux.FileNodes;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a directory in overlayfs upper form as an OCI layer: a gzip'd tar whose entries are
 * sorted by name, deletions as whiteouts ({@code .wh.NAME} for a 0/0 character device,
 * {@code DIR/.wh..wh..opq} for a directory with {@code trusted.overlay.opaque=y}), hardlinks
 * kept, numeric owners only (no names), no atime or ctime. With a fixed time every mtime is
 * that time, so the same content gives the same bytes and the same diff_id.
 */
public final class LayerWriter {
    private static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    private static final String REDIRECT_XATTR = "trusted.overlay.redirect";
    private static final String METACOPY_XATTR = "trusted.overlay.metacopy";
    private static final String CAPABILITY_XATTR = "security.capability";

    /** The written layer: the gzip'd tar's file, the tar's digest (diff_id) and size. */
    public record Written(Path gzipFile, Digest diffId, long tarSize, int entries) { }

    private final Optional<Instant> fixedTime;
    private final Map<String, String> hardlinks = new HashMap<>();
    private int entries;

    public LayerWriter(Optional<Instant> fixedTime) {
        this.fixedTime = fixedTime;
    }

    /** Whether {@code dir} holds nothing: such a step makes no layer (BuildKit drops empty ones). */
    public static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty() && FileNodes.lgetxattr(dir, OPAQUE_XATTR) == null;
        }
    }

    public Written write(Path dir, Path gzipFile) throws IOException {
        MessageDigest sha = Digest.newSha256();
        CountingStream counted;
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(gzipFile), 1 << 16);
             GZIPOutputStream gzip = new FastGzip(file, deflater);
             DigestOutputStream digesting = new DigestOutputStream(gzip, sha);
             CountingStream counting = new CountingStream(digesting);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(counting, 512 * 20, StandardCharsets.UTF_8.name())) {
            counted = counting;
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            writeChildren(tar, dir, "");
            tar.finish();
        } finally {
            deflater.end();
        }
        return new Written(gzipFile, Digest.of(sha.digest()), counted.count, entries);
    }

    private void writeChildren(TarArchiveOutputStream tar, Path dir, String prefix) throws IOException {
        List<Path> children;
        try (Stream<Path> listed = Files.list(dir)) {
            children = listed.sorted((a, b) -> compareNames(a.getFileName().toString(), b.getFileName().toString())).toList();
        }
        for (Path child : children) {
            writeEntry(tar, child, prefix + child.getFileName());
        }
    }

    /** Byte order of the UTF-8 names, as Go's sort of strings (BuildKit) gives it. */
    private static int compareNames(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private void writeEntry(TarArchiveOutputStream tar, Path path, String name) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,uid,gid,ino,dev,rdev,size,nlink,lastModifiedTime",
                LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attributes.get("mode");
        int type = mode & 0170000;
        if (type == 0020000 && ((Long) attributes.get("rdev")) == 0) { // overlay whiteout
            int slash = name.lastIndexOf('/');
            TarArchiveEntry whiteout = new TarArchiveEntry(name.substring(0, slash + 1) + ".wh." + name.substring(slash + 1),
                    TarConstants.LF_NORMAL, true);
            whiteout.setMode(0);
            finish(tar, whiteout, attributes, false);
            return;
        }
        if (FileNodes.lgetxattr(path, REDIRECT_XATTR) != null || FileNodes.lgetxattr(path, METACOPY_XATTR) != null) {
            throw new IOException(path + ": overlayfs redirect_dir or metacopy is enabled on this host;"
                    + " the builder needs both off (modprobe overlay redirect_dir=N metacopy=N)");
        }
        TarArchiveEntry entry;
        switch (type) {
            case 0040000 -> {
                entry = new TarArchiveEntry(name + "/", TarConstants.LF_DIR, true);
                entry.setMode(mode & 07777);
                finish(tar, entry, attributes, false);
                if ("y".equals(FileNodes.lgetxattrString(path, OPAQUE_XATTR))) {
                    TarArchiveEntry opaque = new TarArchiveEntry(name + "/.wh..wh..opq", TarConstants.LF_NORMAL, true);
                    opaque.setMode(mode & 0777); // the directory's owner and permissions, as moby writes it
                    finish(tar, opaque, attributes, false);
                }
                writeChildren(tar, path, name + "/");
                return;
            }
            case 0120000 -> {
                entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
                entry.setLinkName(Files.readSymbolicLink(path).toString());
                entry.setMode(0777);
                finish(tar, entry, attributes, false);
                return;
            }
            case 0100000 -> {
                String inode = attributes.get("dev") + ":" + attributes.get("ino");
                String first = ((Integer) attributes.get("nlink")) > 1 ? hardlinks.putIfAbsent(inode, name) : null;
                if (first != null) {
                    entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
                    entry.setLinkName(first);
                    entry.setMode(mode & 07777);
                    finish(tar, entry, attributes, false);
                    return;
                }
                entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
                entry.setMode(mode & 07777);
                entry.setSize((Long) attributes.get("size"));
                byte[] capability = FileNodes.lgetxattr(path, CAPABILITY_XATTR);
                if (capability != null) {
                    entry.addPaxHeader("SCHILY.xattr." + CAPABILITY_XATTR, new String(capability, StandardCharsets.ISO_8859_1));
                }
                finish(tar, entry, attributes, true);
                try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
                    in.transferTo(tar);
                }
                tar.closeArchiveEntry();
                return;
            }
            case 0010000 -> entry = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
            case 0020000, 0060000 -> {
                entry = new TarArchiveEntry(name, type == 0020000 ? TarConstants.LF_CHR : TarConstants.LF_BLK, true);
                long rdev = (Long) attributes.get("rdev");
                entry.setDevMajor((int) ((rdev >>> 8) & 0xfff));
                entry.setDevMinor((int) ((rdev & 0xff) | ((rdev >>> 12) & 0xfff00)));
            }
            default -> {
                return; // sockets: tar has no form for them (Docker skips them too)
            }
        }
        entry.setMode(mode & 07777);
        finish(tar, entry, attributes, false);
    }

    private void finish(TarArchiveOutputStream tar, TarArchiveEntry entry, Map<String, Object> attributes,
                        boolean leaveOpen) throws IOException {
        entry.setUserId((Integer) attributes.get("uid"));
        entry.setGroupId((Integer) attributes.get("gid"));
        entry.setUserName("");
        entry.setGroupName("");
        Instant mtime = fixedTime.orElse(((FileTime) attributes.get("lastModifiedTime")).toInstant());
        entry.setModTime(FileTime.from(Instant.ofEpochSecond(mtime.getEpochSecond())));
        tar.putArchiveEntry(entry);
        entries++;
        if (!leaveOpen) {
            tar.closeArchiveEntry();
        }
    }

    /** gzip at the fastest level: layers are written on every build step, read rarely. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out, Deflater deflater) throws IOException {
            super(out, 1 << 16);
            def.end();
            def = deflater;
        }
    }

    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
