package io.berth.runtime.build.context;

/**
 * One entry a COPY/ADD creates.
 *
 * @param entry       the source entry; {@code entry.path()} is relative to the source root
 * @param destination the absolute path it gets in the image
 */
public record CopyItem(ContextEntry entry, String destination) {
}
