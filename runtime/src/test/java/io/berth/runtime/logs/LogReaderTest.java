package io.berth.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.ContainerId;
import io.berth.runtime.LogLine;
import io.berth.runtime.LogQuery;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the JSON logs: all of a large file, across rotated files, tail and time filters. */
class LogReaderTest {

    @Test
    void readsEveryLineAcrossRotationsInOrder(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("container.log");
        JsonLogWriter writer = new JsonLogWriter(log, new LogOptions(2L * 1024 * 1024, 3));
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        int count = 60_000;
        for (int batch = 0; batch < count / 1000; batch++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = batch * 1000; i < (batch + 1) * 1000; i++) {
                JsonLogWriter.encode(out, start.plusSeconds(i), i % 2 == 0 ? "stdout" : "stderr",
                        "line " + i + " " + "x".repeat(40), true);
            }
            writer.append(out.toByteArray());
        }
        LogReader reader = new LogReader(ContainerId.random(), log);
        List<LogLine> all = new ArrayList<>();
        reader.read(LogQuery.ALL, all::add, () -> false);
        int first = Integer.parseInt(all.get(0).text().split(" ")[1]);
        assertEquals(count - first, all.size(), "every kept line, none skipped");
        for (int i = 0; i < all.size(); i++) {
            assertEquals("line " + (first + i), all.get(i).text().substring(0, all.get(i).text().lastIndexOf(' ')));
        }

        List<LogLine> tail = new ArrayList<>();
        reader.read(new LogQuery(false, 3, null, null), tail::add, () -> false);
        assertEquals(List.of(count - 3, count - 2, count - 1),
                tail.stream().map(line -> Integer.parseInt(line.text().split(" ")[1])).toList());

        List<LogLine> window = new ArrayList<>();
        reader.read(new LogQuery(false, null, start.plusSeconds(count - 10), start.plusSeconds(count - 6)),
                window::add, () -> false);
        assertEquals(5, window.size());
        assertEquals("stdout", window.get(0).stream());
    }
}
