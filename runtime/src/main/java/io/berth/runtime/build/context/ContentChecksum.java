package io.berth.runtime.build.context;

import io.berth.runtime.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The checksum of exactly the entries a COPY/ADD selected: for each, its destination path, kind,
 * mode, uid, gid, symlink target and (files) content digest; mtime left out. {@code files} keeps a
 * digest per source path so that a cache miss can say which file changed.
 *
 * @param digest the digest over all entries, in order
 * @param files  source path to a digest of that entry alone
 */
public record ContentChecksum(Digest digest, SortedMap<String, String> files) {
    public ContentChecksum {
        files = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(files));
    }

    /** The checksum of {@code selection}, whose entries lie under {@code root}. */
    public static ContentChecksum of(Path root, CopySelection selection) throws IOException {
        return of(root, selection, FileDigestCache.none());
    }

    /** As above, with file contents digested through {@code digests} (a context's remembered ones). */
    public static ContentChecksum of(Path root, CopySelection selection, FileDigestCache digests) throws IOException {
        MessageDigest all = Digest.newSha256();
        SortedMap<String, String> files = new TreeMap<>();
        for (CopyItem item : selection.items()) {
            ContextEntry entry = item.entry();
            String content = entry.kind() == ContextEntry.Kind.FILE ? digests.digestOf(root.resolve(entry.path())) : "";
            String line = item.destination() + '\0' + entry.kind() + '\0' + Integer.toOctalString(entry.mode()) + '\0'
                    + entry.uid() + '\0' + entry.gid() + '\0' + (entry.linkTarget() == null ? "" : entry.linkTarget())
                    + '\0' + content + '\n';
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            all.update(bytes);
            files.put(entry.path().isEmpty() ? "." : entry.path(), Digest.sha256(bytes).toString());
        }
        return new ContentChecksum(Digest.of(all.digest()), files);
    }

    /** A checksum of in-memory content, e.g. an ADD'ed URL's download, under {@code name}. */
    public static ContentChecksum ofContent(String name, byte[] content) {
        Digest digest = Digest.sha256(content);
        SortedMap<String, String> files = new TreeMap<>();
        files.put(name, digest.toString());
        return new ContentChecksum(digest, files);
    }
}
