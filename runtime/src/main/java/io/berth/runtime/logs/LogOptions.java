package io.berth.runtime.logs;

/** Size cap of a container's JSON log: {@code maxFiles} files of {@code maxBytes} each. */
public record LogOptions(long maxBytes, int maxFiles) {
    public static final LogOptions DEFAULT = new LogOptions(10L * 1024 * 1024, 3);

    /** The defaults, overridable for tests with -Dberth.log.maxBytes and -Dberth.log.maxFiles. */
    public static LogOptions fromSystemProperties() {
        return new LogOptions(Long.getLong("berth.log.maxBytes", DEFAULT.maxBytes),
                Integer.getInteger("berth.log.maxFiles", DEFAULT.maxFiles));
    }
}
