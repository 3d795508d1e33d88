package io.berth.runtime.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A container's healthcheck: the engine's {@code io.berth.healthcheck} label (compact JSON: test,
 * interval_ms, timeout_ms, start_period_ms, start_interval_ms, retries) merged field by field over
 * the image's HEALTHCHECK, with Docker's defaults for what neither sets.
 */
record HealthcheckConfig(List<String> argv, Duration interval, Duration timeout, Duration startPeriod,
                         Duration startInterval, int retries) {
    static final String LABEL = "io.berth.healthcheck";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_START_INTERVAL = Duration.ofSeconds(5);
    static final int DEFAULT_RETRIES = 3;

    static Optional<HealthcheckConfig> of(ContainerSpec spec, ImageInfo image) {
        ImageInfo.Healthcheck fromImage = image == null || image.config() == null ? null : image.config().healthcheck();
        JsonNode label = null;
        String text = spec.labels().get(LABEL);
        if (text != null && !text.isBlank()) {
            try {
                label = Json.MAPPER.readTree(text);
            } catch (IOException e) {
                return Optional.empty(); // an unreadable label is no healthcheck, not a failed start
            }
        }
        List<String> test = label != null && label.has("test") ? strings(label.get("test"))
                : fromImage == null || fromImage.test() == null ? List.of() : fromImage.test();
        List<String> argv = argv(test);
        if (argv.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HealthcheckConfig(argv,
                duration(label, "interval_ms", fromImage == null ? null : fromImage.interval(), DEFAULT_INTERVAL),
                duration(label, "timeout_ms", fromImage == null ? null : fromImage.timeout(), DEFAULT_TIMEOUT),
                duration(label, "start_period_ms", fromImage == null ? null : fromImage.startPeriod(), Duration.ZERO),
                duration(label, "start_interval_ms", null, DEFAULT_START_INTERVAL),
                label != null && label.has("retries") && label.get("retries").asInt() > 0 ? label.get("retries").asInt()
                        : fromImage != null && fromImage.retries() != null && fromImage.retries() > 0
                        ? fromImage.retries() : DEFAULT_RETRIES));
    }

    /** ["CMD", a, b] runs a b; ["CMD-SHELL", s] runs /bin/sh -c s; ["NONE"] or empty: none. */
    static List<String> argv(List<String> test) {
        if (test.isEmpty() || test.get(0).equals("NONE")) {
            return List.of();
        }
        if (test.get(0).equals("CMD")) {
            return List.copyOf(test.subList(1, test.size()));
        }
        if (test.get(0).equals("CMD-SHELL")) {
            return List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
        }
        return List.copyOf(test);
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            return List.of("CMD-SHELL", node.asText());
        }
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Duration duration(JsonNode label, String field, Duration fromImage, Duration fallback) {
        if (label != null && label.has(field) && label.get(field).asLong() > 0) {
            return Duration.ofMillis(label.get(field).asLong());
        }
        return fromImage != null && !fromImage.isZero() && !fromImage.isNegative() ? fromImage : fallback;
    }
}
