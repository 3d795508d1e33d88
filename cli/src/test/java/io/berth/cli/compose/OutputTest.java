package io.berth.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.cli.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputTest {
    @Test
    void tableColumnsAreAlignedWithThreeSpaces() {
        Table table = new Table("NAME", "STATUS", "PORTS");
        table.add("demo-web-1", "Up 2 seconds", "0.0.0.0:8080->80/tcp");
        table.add("demo-db-1", "Exited (0) 1 second ago", "");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("""
                NAME         STATUS                    PORTS
                demo-web-1   Up 2 seconds              0.0.0.0:8080->80/tcp
                demo-db-1    Exited (0) 1 second ago
                """, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void durationsReadLikeDockers() {
        assertEquals("Less than a second", ContainerText.human(Duration.ofMillis(300)));
        assertEquals("5 seconds", ContainerText.human(Duration.ofSeconds(5)));
        assertEquals("About a minute", ContainerText.human(Duration.ofSeconds(90)));
        assertEquals("3 hours", ContainerText.human(Duration.ofHours(3)));
        assertEquals("4 days", ContainerText.human(Duration.ofDays(4)));
    }

    @Test
    void scaleIsRepeatableServiceEqualsCount() {
        assertEquals(Map.of("web", 3, "db", 0), ScaleOption.parse(List.of("web=3", "db=0")));
        ExitCodes.UsageException error = assertThrows(ExitCodes.UsageException.class,
                () -> ScaleOption.parse(List.of("web")));
        assertEquals("--scale web: expected SERVICE=NUM with NUM >= 0", error.getMessage());
    }

    @Test
    void logTimesAreRfc3339OrRelative() {
        assertEquals(java.time.Instant.parse("2013-01-02T13:23:37Z"), LogsCommand.time("2013-01-02T13:23:37Z"));
        long tenMinutesAgo = java.time.Instant.now().minusSeconds(600).getEpochSecond();
        assertEquals(tenMinutesAgo, LogsCommand.time("10m").getEpochSecond(), 2);
    }
}
