package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON-tree equality (key order aside) with a readable failure. */
final class Json {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES)
            .enable(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES);

    private Json() {
    }

    /** {@code expected} may use single quotes and unquoted keys: {@code {target: 80, published: '8080'}}. */
    static void assertTree(String expected, Object actual) {
        try {
            JsonNode want = ConformanceTest.sorted(JSON.readTree(expected));
            JsonNode got = ConformanceTest.sorted(JSON.readTree(ConfigWriter.json(actual)));
            assertEquals(want.toPrettyString(), got.toPrettyString());
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }
}
