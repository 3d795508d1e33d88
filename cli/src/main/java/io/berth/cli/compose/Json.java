package io.berth.cli.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** --format json output: compact, one object per line, as Docker Compose v2 prints it. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** A value as a Go template prints it: text as is, collections as JSON, nothing as docker's "<no value>". */
    static String text(Object value) {
        if (value == null) {
            return "<no value>";
        }
        return value instanceof java.util.Map || value instanceof java.util.List ? of(value) : String.valueOf(value);
    }

    static String of(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write JSON", impossible);
        }
    }
}
