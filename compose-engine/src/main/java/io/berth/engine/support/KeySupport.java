package io.berth.engine.support;

/**
 * How Berth treats one service attribute of the Compose Specification.
 *
 * @param key   the attribute, dotted below {@code deploy} ({@code deploy.resources.reservations.devices})
 * @param level what happens when a file sets it
 * @param note  for WORKS nothing or a detail; for DIFFERS how; for WARN and REFUSE the reason that
 *              follows "is not supported by berth" in the message
 */
public record KeySupport(String key, Level level, String note) {
    public enum Level {
        /** Takes effect as in Docker Compose v2. */
        WORKS,
        /** Takes effect, with a difference from Docker Compose v2 that the note says. */
        DIFFERS,
        /** Swarm only: Docker Compose v2 ignores it without a word, and so does Berth. */
        SWARM_ONLY,
        /** No effect; {@code up}, {@code create} and {@code run} warn once per service. */
        WARN,
        /** No effect, and running without it would be wrong: {@code up}, {@code create} and {@code run} refuse. */
        REFUSE
    }

    /** The message for a service that sets this key (WARN and REFUSE). */
    public String message(String serviceName) {
        return "service " + serviceName + ": " + key + " is not supported by berth (" + note + ")";
    }
}
