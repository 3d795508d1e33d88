package io.berth.engine.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {
    @Test
    void flattensObjectsAndArraysToDottedPaths() throws Exception {
        var json = new ObjectMapper().readTree("{\"environment\":{\"FOO\":\"1\"},\"ports\":[{\"target\":80}],\"x\":null}");
        assertEquals("{environment.FOO=1, ports[0].target=80}", ConfigDiff.flatten(json).toString());
    }

    @Test
    void namesAddedChangedAndRemovedPaths() {
        SortedMap<String, String> before = new TreeMap<>(java.util.Map.of("environment.FOO", "1", "ports[0]", "80"));
        SortedMap<String, String> after = new TreeMap<>(java.util.Map.of("environment.FOO", "2", "cap_add[0]", "NET_ADMIN"));
        assertEquals(List.of("cap_add[0] added", "environment.FOO changed", "ports[0] removed"),
                ConfigDiff.changes(before, after));
    }

    @Test
    void labelRoundTrips() {
        SortedMap<String, String> config = new TreeMap<>(java.util.Map.of("image", "busybox", "environment.A", "1"));
        assertEquals(config, ConfigDiff.fromLabel(ConfigDiff.toLabel(config)));
    }
}
