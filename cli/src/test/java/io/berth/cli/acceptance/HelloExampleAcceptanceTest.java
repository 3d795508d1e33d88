package io.berth.cli.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.cli.e2e.BerthRun;
import io.berth.cli.e2e.E2eFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** examples/hello the way the README runs it: up -d, ps, the page on 127.0.0.1:8080, down -v. */
@Tag("root")
class HelloExampleAcceptanceTest {
    @Test
    void upPsPageAndDownDashV() throws Exception {
        Path launcher = Acceptance.launcher();
        String compose = Files.readString(launcher.resolveSibling("examples/hello/compose.yaml"));
        try (E2eFixture fixture = Acceptance.fixture("berth-test-acceptance-hello-", Map.of())) {
            Path project = fixture.project("hello", compose);
            try {
                BerthRun up = fixture.berth(project, "up", "-d");
                Assumptions.assumeFalse(up.exitCode() != 0 && up.err().contains("8080/tcp is already in use"),
                        "the example's port 8080 is taken on this host: " + up.err());
                up.ok();
                String ps = fixture.berth(project, "ps").ok().out();
                for (String container : new String[] {"hello-web-1", "hello-client-1"}) {
                    assertTrue(Arrays.stream(ps.split("\n")).anyMatch(line -> line.startsWith(container + " ")
                            && line.contains(" Up ")), container + " is not running:\n" + ps);
                }
                Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> Acceptance.getLocal(8080).body().equals("hello from berth\n"));
                assertTrue(fixture.runtime.inspectVolume("hello_site").isPresent(), "the page's volume");
            } finally {
                BerthRun down = fixture.berth(project, "down", "-v");
                assertEquals(0, down.exitCode(), down.toString());
            }
            assertEquals("", fixture.berth(project, "ps", "-a", "-q").ok().out());
            assertTrue(fixture.runtime.inspectVolume("hello_site").isEmpty(), "down -v removes the volume");
        }
    }
}
