package io.berth.model;

import java.util.Map;

/**
 * A top-level secret or config. Exactly one of {@code file} (absolute path), {@code environment},
 * {@code content} is set, or {@code external} is true.
 */
public record FileObjectConfig(
        String name,
        String file,
        String environment,
        String content,
        boolean external,
        Map<String, String> labels,
        Map<String, Object> extensions) {
}
