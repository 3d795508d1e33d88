package io.berth.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.ContainerEvent;
import io.berth.runtime.ContainerId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sizes, headers and event lines as docker and Docker Compose print them (pure). */
class StatsAndEventsTextTest {
    @Test
    void sizesAreGoFormattedWithDockersUnits() {
        assertEquals("0B", ByteSizes.decimal(0));
        assertEquals("586B", ByteSizes.decimal(586));
        assertEquals("2.13kB", ByteSizes.decimal(2134));
        assertEquals("1e+03kB", ByteSizes.decimal(999_700), "Go's %.3g of 999.7");
        assertEquals("12.3MB", ByteSizes.decimal(12_345_678));
        assertEquals("124KiB", ByteSizes.binary(124 * 1024));
        assertEquals("1.5MiB", ByteSizes.binary(1.5 * 1024 * 1024));
        assertEquals("23.54GiB", ByteSizes.binary(25_275_000_000L));
        assertEquals("64MiB", ByteSizes.binary(64L * 1024 * 1024));
    }

    @Test
    void theDefaultTableHasDockersColumnTitles() {
        assertEquals("CONTAINER ID\tNAME\tCPU %\tMEM USAGE / LIMIT\tMEM %\tNET I/O\tBLOCK I/O\tPIDS",
                GoTemplate.parse(StatsRow.DEFAULT_TABLE).header());
    }

    @Test
    void eventsPrintAsComposePrintsThemWithoutComposesLabels() {
        ContainerId id = new ContainerId("a".repeat(64));
        ContainerEvent event = new ContainerEvent(7, Instant.parse("2026-12-07T02:00:00.123456789Z"), "die", id,
                Map.of("name", "p-web-1", "image", "busybox:local", "exitCode", "3", "tier", "front",
                        "com.docker.compose.service", "web", "com.docker.compose.project", "p", "io.berth.config", "{}"));
        assertEquals("2026-12-07 02:00:00.123456 container die " + id.value()
                        + " (exitCode=3, image=busybox:local, name=p-web-1, tier=front)",
                EventLine.text(event, ZoneOffset.UTC));
        assertEquals("{\"action\":\"die\",\"attributes\":{\"exitCode\":\"3\",\"image\":\"busybox:local\",\"name\":\"p-web-1\","
                        + "\"tier\":\"front\"},\"id\":\"" + id.value() + "\",\"service\":\"web\","
                        + "\"time\":\"2026-12-07T02:00:00.123456789Z\",\"type\":\"container\"}",
                EventLine.json(event, ZoneOffset.UTC));
    }
}
