package io.berth.runtime.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.HostRuntime;
import io.berth.runtime.state.ContainerLayout;
import io.berth.runtime.state.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * After an upgrade, the supervisor of the older Berth still runs: a client of another protocol
 * version asks it to shut down, in its version, and starts its own (containers would run on).
 */
class SupervisorUpgradeTest {

    @Test
    void aSupervisorOfAnotherProtocolVersionIsReplaced() throws Exception {
        try (SupervisorFixture fixture = new SupervisorFixture()) {
            ContainerLayout layout = new ContainerLayout(fixture.config);
            Files.createDirectories(fixture.config.runRoot());
            Process oldSupervisor = new ProcessBuilder("sleep", "600").start();
            Files.writeString(layout.supervisorPidFile(), oldSupervisor.pid() + " 0\n");
            List<String> heard = new CopyOnWriteArrayList<>();
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(layout.supervisorSocket()));
            Thread old = new Thread(() -> serveAsVersionOne(server, oldSupervisor, heard, layout));
            old.start();
            try (HostRuntime client = fixture.connect()) {
                assertEquals(List.of(), client.listContainers(Map.of()), "answered by a supervisor of this version");
            } finally {
                oldSupervisor.destroyForcibly();
                server.close();
                old.join(5_000);
            }
            assertTrue(heard.contains("1 SHUTDOWN"), "the old one was asked to shut down in its version: " + heard);
        }
    }

    /** What a version-1 supervisor answers: every request of another version refused, SHUTDOWN of its own obeyed. */
    private static void serveAsVersionOne(ServerSocketChannel server, Process pid, List<String> heard,
                                          ContainerLayout layout) {
        try {
            while (true) {
                try (SocketChannel channel = server.accept()) {
                    String line = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                            StandardCharsets.UTF_8)).readLine();
                    JsonNode request = Json.MAPPER.readTree(line);
                    heard.add(request.path("version").asInt() + " " + request.path("op").asText());
                    boolean shutdown = request.path("version").asInt() == 1
                            && request.path("op").asText().equals("SHUTDOWN");
                    String reply = shutdown ? "{\"version\":1,\"ok\":true,\"result\":null}"
                            : "{\"version\":1,\"ok\":false,\"kind\":\"INVALID\",\"message\":\"protocol version "
                            + request.path("version").asInt() + " not understood\"}";
                    OutputStream out = Channels.newOutputStream(channel);
                    out.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (shutdown) {
                        Files.deleteIfExists(layout.supervisorSocket());
                        Files.deleteIfExists(layout.supervisorPidFile());
                        pid.destroyForcibly().waitFor();
                        return;
                    }
                }
            }
        } catch (Exception closed) {
            // the test is over
        }
    }
}
