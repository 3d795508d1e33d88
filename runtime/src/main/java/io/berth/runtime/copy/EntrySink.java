package io.berth.runtime.copy;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** Where the entries of a copied tree go, in tar's terms: an archive, or a directory written entry by entry. */
interface EntrySink {
    /** {@code content} holds exactly {@code entry.getSize()} bytes for a regular file, else is null. */
    void accept(TarArchiveEntry entry, InputStream content) throws IOException;
}
