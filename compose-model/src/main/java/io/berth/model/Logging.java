package io.berth.model;

import java.util.Map;

/** {@code logging:} of a service. */
public record Logging(String driver, Map<String, String> options) {
}
