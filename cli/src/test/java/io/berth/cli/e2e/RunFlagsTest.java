package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** run -v, -p, --service-ports and --use-aliases, checked from inside the containers and from 127.0.0.1. */
@Tag("root")
class RunFlagsTest extends RealRuntimeTest {
    @Test
    void volumesPortsAndAliasesOfOneOffContainers() throws Exception {
        int servicePort = freePort();
        int publishedPort = freePort();
        Path project = fixture.project("runflags", """
                services:
                  web:
                    image: busybox:local
                    command: ["httpd", "-f", "-p", "80", "-h", "/www"]
                    ports: ["127.0.0.1:%d:80"]
                    networks:
                      default:
                        aliases: ["webalias"]
                  client:
                    image: busybox:local
                    command: ["sleep", "1000"]
                """.formatted(servicePort));
        Files.createDirectories(project.resolve("site"));
        Files.writeString(project.resolve("site/index.html"), "page\n");
        fixture.berth(project, "up", "-d", "client").ok();

        assertEquals("page\n", fixture.berth(project, "run", "--rm", "-T", "-v", "./site:/www:ro", "web",
                "cat", "/www/index.html").ok().out(), "a bind relative to the project directory");
        assertNotEquals(0, fixture.berth(project, "run", "--rm", "-T", "-v", "./site:/www:ro", "web",
                "sh", "-c", "echo x > /www/written").exitCode(), ":ro is read-only");
        String volume = "runflags-extra-" + ProcessHandle.current().pid();
        fixture.berth(project, "run", "--rm", "-T", "-v", volume + ":/x", "web", "sh", "-c", "echo kept > /x/f").ok();
        assertEquals("kept\n", fixture.berth(project, "run", "--rm", "-T", "-v", volume + ":/x", "web",
                "cat", "/x/f").ok().out(), "a named volume outlives the one-off");
        fixture.berth(project, "volume", "rm", volume).ok();
        assertEquals(2, fixture.berth(project, "run", "--rm", "-T", "-p", "notaport", "web", "true").exitCode());

        fixture.berth(project, "run", "-d", "--name", "plain", "-v", "./site:/www", "web").ok();
        fixture.berth(project, "run", "-d", "--name", "published", "-v", "./site:/www",
                "-p", "127.0.0.1:" + publishedPort + ":80", "web").ok();
        assertEquals("page\n", await(publishedPort), "-p publishes on the host");
        fixture.berth(project, "run", "-d", "--name", "aliased", "--service-ports", "--use-aliases", "-v", "./site:/www",
                "web").ok();
        assertEquals("page\n", await(servicePort), "--service-ports publishes the service's ports");

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> hostsOfClient(project).contains("aliased"));
        String hosts = hostsOfClient(project);
        String aliasedLine = lineOf(hosts, "aliased");
        assertTrue(aliasedLine.contains(" web") && aliasedLine.contains("webalias"), "--use-aliases: " + hosts);
        String plainLine = lineOf(hosts, "plain");
        assertTrue(!plainLine.contains(" web ") && !plainLine.endsWith(" web") && !plainLine.contains("webalias"),
                "without --use-aliases a one-off is not the service by name: " + hosts);
        assertEquals("page\n", fixture.berth(project, "exec", "-T", "client", "wget", "-qO-", "http://webalias/")
                .ok().out(), "reachable by the alias from a peer");
        fixture.berth(project, "down").ok(); // the fixture removes what down leaves (the one-offs)
    }

    private static String hostsOfClient(Path project) throws Exception {
        return fixture.berth(project, "exec", "-T", "client", "cat", "/etc/hosts").ok().out();
    }

    private static String lineOf(String hosts, String name) {
        return hosts.lines().filter(line -> List.of(line.split("\\s+")).contains(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + name + " in\n" + hosts));
    }

    private static String await(int port) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String[] body = new String[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            body[0] = response.body();
            return response.statusCode() == 200;
        });
        return body[0];
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
