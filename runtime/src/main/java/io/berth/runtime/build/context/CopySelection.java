package io.berth.runtime.build.context;

import java.util.List;

/**
 * What a COPY/ADD takes from its source, in order (a directory before its contents), with where
 * each entry goes. Directories copy their contents, not themselves (unless --parents).
 *
 * @param items        every entry to create
 * @param destinations the directories the copy creates first (the destination itself when it is a
 *                     directory, and its missing parents), absolute
 */
public record CopySelection(List<CopyItem> items, List<String> destinations) {
    public CopySelection {
        items = List.copyOf(items);
        destinations = List.copyOf(destinations);
    }
}
