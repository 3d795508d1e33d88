package io.berth.model.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A canonical mapping whose value Docker Compose still holds as a YAML sequence when it applies
 * {@code !reset}/{@code !override}: written as a list ({@code environment: [A=1]},
 * {@code depends_on: [db]}) or, for key=value attributes, merged from two files (compose-go merges
 * those into a sequence). Compose cannot remove a key from a sequence, so {@link Directives} leaves
 * such a mapping alone.
 */
final class ListWritten extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    ListWritten(Map<String, Object> entries) {
        super(entries);
    }
}
