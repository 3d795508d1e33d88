package io.berth.runtime.build.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageSettingsJsonTest {
    @Test
    void roundTripsEveryField() throws Exception {
        ImageSettings settings = new ImageSettings(List.of("PATH=/bin", "A=1"), "/app", "app:app", List.of("/entry"),
                List.of("serve", "--port", "80"), Map.of("b", "2", "a", "1"), Set.of("80/tcp", "53/udp"),
                Set.of("/data"), List.of("/bin/bash", "-c"), new Healthcheck(List.of("CMD-SHELL", "true"),
                Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ZERO, Duration.ZERO, 3), "SIGINT",
                List.of("RUN make"), true);
        ObjectNode config = new ObjectMapper().createObjectNode();
        config.put("Hostname", "kept");
        ImageSettingsJson.toConfig(settings, config);
        assertEquals("{\"Hostname\":\"kept\",\"Env\":[\"PATH=/bin\",\"A=1\"],\"WorkingDir\":\"/app\",\"User\":\"app:app\","
                + "\"Entrypoint\":[\"/entry\"],\"Cmd\":[\"serve\",\"--port\",\"80\"],\"Labels\":{\"a\":\"1\",\"b\":\"2\"},"
                + "\"ExposedPorts\":{\"53/udp\":{},\"80/tcp\":{}},\"Volumes\":{\"/data\":{}},\"Shell\":[\"/bin/bash\",\"-c\"],"
                + "\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":30000000000,\"Timeout\":3000000000,"
                + "\"Retries\":3},\"StopSignal\":\"SIGINT\",\"OnBuild\":[\"RUN make\"],\"ArgsEscaped\":true}",
                config.toString());
        assertEquals(settings, ImageSettingsJson.fromConfig(config));
    }

    @Test
    void goDurationsAsGoPrintsThem() {
        assertEquals("0s", GoFormat.duration(Duration.ZERO));
        assertEquals("1m30s", GoFormat.duration(Duration.ofSeconds(90)));
        assertEquals("1h0m0s", GoFormat.duration(Duration.ofHours(1)));
        assertEquals("1.5s", GoFormat.duration(Duration.ofMillis(1500)));
        assertEquals("300ms", GoFormat.duration(Duration.ofMillis(300)));
        assertEquals("[\"a\\\"b\" \"c\"]", GoFormat.quotedList(List.of("a\"b", "c")));
    }
}
