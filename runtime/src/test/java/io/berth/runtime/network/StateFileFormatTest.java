package io.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.volume.VolumeRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network and volume state files as Berth wrote them before the runtime had one JSON mapper
 * (the files below are byte for byte what that version wrote): they still read, and a record
 * written again gives the same bytes.
 */
class StateFileFormatTest {
    private static final String NETWORK_FILE = """
            {
              "id" : "0123abcd",
              "name" : "demo_default",
              "driver" : "bridge",
              "bridge" : "br-0123abcd",
              "subnet" : "172.30.0.0/24",
              "ipRange" : null,
              "gateway" : "172.30.0.1",
              "internal" : false,
              "labels" : {
                "com.docker.compose.network" : "default",
                "com.docker.compose.project" : "demo"
              },
              "driverOptions" : { },
              "createdAt" : "2026-12-07T01:00:00Z",
              "endpoints" : {
                "c0ffee" : {
                  "containerName" : "demo-web-1",
                  "address" : "172.30.0.2",
                  "hostInterface" : "veth0a1b2c"
                }
              }
            }""";

    private static final String VOLUME_FILE = """
            {
              "name" : "demo_data",
              "driver" : "local",
              "labels" : {
                "com.docker.compose.project" : "demo",
                "com.docker.compose.volume" : "data"
              },
              "driverOptions" : { },
              "createdAt" : "2026-12-07T01:00:00Z",
              "users" : [ "demo-db-1" ],
              "copiedUp" : true
            }""";

    @TempDir
    Path dir;

    @Test
    void aNetworkFileOfTheEarlierFormatReadsAndWritesBackTheSame() throws IOException {
        Path file = Files.writeString(dir.resolve("network.json"), NETWORK_FILE);
        NetworkRecord network = AtomicJsonFile.read(file, NetworkRecord.class).orElseThrow();
        assertEquals("demo_default", network.name());
        assertEquals("172.30.0.1", network.gateway());
        assertEquals(Map.of("com.docker.compose.network", "default", "com.docker.compose.project", "demo"),
                network.labels());
        assertEquals(new NetworkRecord.Endpoint("demo-web-1", "172.30.0.2", "veth0a1b2c"),
                network.endpoints().get("c0ffee"));
        Path again = dir.resolve("again.json");
        AtomicJsonFile.write(again, network);
        assertEquals(NETWORK_FILE, Files.readString(again));
    }

    @Test
    void aVolumeFileOfTheEarlierFormatReadsAndWritesBackTheSame() throws IOException {
        Path file = Files.writeString(dir.resolve("volume.json"), VOLUME_FILE);
        VolumeRecord volume = AtomicJsonFile.read(file, VolumeRecord.class).orElseThrow();
        assertEquals("demo_data", volume.name());
        assertEquals(Set.of("demo-db-1"), volume.users());
        assertTrue(volume.copiedUp());
        Path again = dir.resolve("again.json");
        AtomicJsonFile.write(again, volume);
        assertEquals(VOLUME_FILE, Files.readString(again));
    }

    @Test
    void aFieldThisVersionDoesNotKnowIsPassedOver() throws IOException {
        Path file = Files.writeString(dir.resolve("volume.json"),
                VOLUME_FILE.replace("\"copiedUp\" : true", "\"copiedUp\" : true,\n  \"addedLater\" : [ 1 ]"));
        assertEquals("demo_data", AtomicJsonFile.read(file, VolumeRecord.class).orElseThrow().name());
    }
}
