package io.berth.runtime.image;

import io.berth.runtime.Digest;
import io.berth.runtime.ImageReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How names and ids find their entries in the reference index: Docker's lookup rules, pure. */
final class IndexNames {
    private IndexNames() {
    }

    static Optional<Digest> findId(List<IndexEntry> entries, String text) {
        ImageReference reference = parseOrNull(text);
        if (reference != null) {
            Optional<Digest> byName = entries.stream().filter(e -> matches(e, reference))
                    .map(IndexEntry::imageId).findFirst();
            if (byName.isPresent()) {
                return byName;
            }
        }
        String hex = text.startsWith("sha256:") ? text.substring("sha256:".length()) : text;
        if (hex.isEmpty() || !hex.matches("[0-9a-f]{1,64}")) {
            return Optional.empty();
        }
        List<Digest> ids = entries.stream().map(IndexEntry::imageId).filter(id -> id.hex().startsWith(hex))
                .distinct().toList();
        return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
    }

    static ImageReference parseOrNull(String text) {
        try {
            return ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean matches(IndexEntry entry, ImageReference reference) {
        ImageReference name = entry.reference();
        if (name == null || !name.name().equals(reference.name())) {
            return false;
        }
        if (reference.digest() != null) {
            // the manifest's own digest, or the index digest the image was pulled by
            return entry.manifestDigest().equals(reference.digest()) || reference.digest().equals(name.digest());
        }
        return java.util.Objects.equals(name.tag(), reference.tag());
    }

    static ImageReference storedName(ImageReference reference) {
        // A name in the store is name:tag, or name@digest for an image pulled by digest alone.
        return reference.tag() != null ? reference.withTag(reference.tag()) : reference;
    }

    /** Takes {@code name} from whatever image had it; that image stays as dangling if it was its last. */
    static void replaceName(List<IndexEntry> entries, ImageReference name) {
        for (int i = 0; i < entries.size(); i++) {
            IndexEntry entry = entries.get(i);
            if (name.equals(entry.reference())) {
                Digest previous = entry.imageId();
                entries.remove(i);
                if (entries.stream().noneMatch(e -> e.imageId().equals(previous))) {
                    entries.add(entry.withReference(null));
                }
                return;
            }
        }
    }

    static List<IndexEntry> entriesOf(List<IndexEntry> entries, Digest imageId) {
        return entries.stream().filter(e -> e.imageId().equals(imageId)).toList();
    }

    static Map<Digest, List<IndexEntry>> groupByImage(List<IndexEntry> entries) {
        Map<Digest, List<IndexEntry>> byImage = new LinkedHashMap<>();
        for (IndexEntry entry : entries) {
            byImage.computeIfAbsent(entry.imageId(), id -> new ArrayList<>()).add(entry);
        }
        return byImage;
    }
}
