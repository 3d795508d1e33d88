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

    /**
     * The content of a {@code content:} or {@code environment:} object, from {@code environment} (the
     * project's); null for {@code file:} and external objects, and when the variable is not set.
     */
    public String inlineContent(java.util.Map<String, String> environment) {
        return environment != null && this.environment != null ? environment.get(this.environment) : content;
    }

    /** Every byte of the object: its inline content or its file's; IOException naming what could not be read. */
    public byte[] read(java.util.Map<String, String> environment) throws java.io.IOException {
        if (file != null) {
            return java.nio.file.Files.readAllBytes(java.nio.file.Path.of(file));
        }
        String inline = inlineContent(environment);
        if (inline == null) {
            throw new java.io.IOException(this.environment != null
                    ? "environment variable " + this.environment + " is not set" : "it has no content");
        }
        return inline.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
