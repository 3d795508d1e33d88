package io.berth.runtime.image.registry;

/**
 * The {@code Range} header of an upload's status ({@code 0-N}: the registry holds bytes 0 to N
 * of the session, inclusive; some registries write {@code bytes=0-N}).
 */
final class UploadRange {
    private UploadRange() {
    }

    /**
     * How many bytes of a {@code size}-byte blob the registry says it holds; 0 for {@code 0-0}
     * (which the registry also writes for an empty session, so it may mean none), -1 when the
     * header is missing, malformed, or claims more than the blob.
     */
    static long bytesHeld(String range, long size) {
        String value = range.strip();
        if (value.startsWith("bytes=")) {
            value = value.substring("bytes=".length());
        }
        int dash = value.indexOf('-');
        if (dash < 0 || !value.substring(0, dash).equals("0")) {
            return -1;
        }
        long last;
        try {
            last = Long.parseLong(value.substring(dash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
        if (last < 0 || last + 1 > size) {
            return -1;
        }
        return last == 0 ? 0 : last + 1;
    }
}
