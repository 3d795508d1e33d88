package io.berth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The CLI's one JSON mapper, for what it prints: {@code --format json} compact, one object per line
 * (as Docker Compose v2), and inspect output indented. Loaded on first use only: {@code berth --help}
 * instantiates every command, and a mapper costs ~80 ms of class loading.
 */
public final class JsonOutput {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter INSPECT = MAPPER.writer()
            .with(SerializationFeature.INDENT_OUTPUT)
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private JsonOutput() {
    }

    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write JSON", impossible);
        }
    }

    /** Indented, map keys sorted: {@code network inspect}, {@code volume inspect}. */
    public static String inspect(Object value) {
        try {
            return INSPECT.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write JSON", impossible);
        }
    }
}
