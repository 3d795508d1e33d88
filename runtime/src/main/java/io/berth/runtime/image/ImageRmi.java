package io.berth.runtime.image;

import io.berth.runtime.Digest;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageRemoval;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Docker's rmi on the reference index: what {@link ImageStore#remove} does under the store lock. */
final class ImageRmi {
    private ImageRmi() {
    }

    /** Under the store lock: see {@link ImageStore#remove}. */
    static ImageRemoval removeLocked(ImageStore store, String text, boolean force,
                                     Function<Digest, List<String>> usersOf) throws IOException {
        List<IndexEntry> entries = new ArrayList<>(ReferenceIndex.read(store.layout().indexFile()));
        Digest imageId = IndexNames.findId(entries, text).orElseThrow(() -> new ImageNotFoundException(text));
        List<IndexEntry> before = IndexNames.entriesOf(entries, imageId);
        List<ImageReference> untagged = new ArrayList<>();
        ImageReference asName = IndexNames.parseOrNull(text);
        boolean byName = asName != null && entries.stream().anyMatch(e -> IndexNames.matches(e, asName));
        if (byName) {
            IndexEntry named = entries.stream().filter(e -> IndexNames.matches(e, asName)).findFirst().orElseThrow();
            entries.remove(named);
            untagged.add(named.reference());
        } else {
            List<IndexEntry> names = IndexNames.entriesOf(entries, imageId).stream().filter(e -> e.reference() != null).toList();
            if (names.size() > 1 && !force) {
                throw new ImageConflictException("unable to delete " + imageId.shortHex()
                        + " (must be forced): image is referenced in multiple repositories");
            }
            names.forEach(e -> untagged.add(e.reference()));
            entries.removeIf(e -> e.imageId().equals(imageId));
        }
        List<Digest> deleted = new ArrayList<>();
        if (entries.stream().noneMatch(e -> e.imageId().equals(imageId))) {
            List<String> users = usersOf.apply(imageId);
            if (users.isEmpty()) {
                deleted.add(imageId);
            } else if (force) {
                entries.add(before.get(0).withReference(null));
            } else {
                throw new ImageConflictException("unable to remove " + text + " (must be forced): image "
                        + imageId.shortHex() + " is used by container " + String.join(", ", users)
                        + " (remove the container first)");
            }
        }
        ReferenceIndex.write(store.layout().indexFile(), entries);
        if (!deleted.isEmpty()) {
            StoreGarbage.collect(store, entries, before);
        }
        return new ImageRemoval(untagged, deleted);
    }
}
