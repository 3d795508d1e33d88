package io.berth.cli.e2e;

import io.berth.runtime.ImageReference;

/** The Compose scenarios on the real runtime: containers in namespaces on a project network. */
class ContainerComposeTest extends ComposeScenarios {
    @org.junit.jupiter.api.Test
    void aServiceWaitsUntilItsDependencyIsHealthy() throws Exception {
        java.nio.file.Path project = fixture.project("health", """
                services:
                  db:
                    image: busybox:local
                    command: ["sh", "-c", "sleep 2; touch /tmp/ready; exec sleep 1000"]
                    healthcheck:
                      test: ["CMD-SHELL", "test -f /tmp/ready"]
                      interval: 1s
                      retries: 30
                  worker:
                    image: busybox:local
                    command: ["sh", "-c", "exec sleep 1000"]
                    depends_on:
                      db:
                        condition: service_healthy
                """);
        BerthRun up = fixture.berth(project, "up", "-d", "--progress", "tty").ok();
        org.junit.jupiter.api.Assertions.assertTrue(
                up.err().indexOf("Container health-db-1  Healthy") < up.err().indexOf("Container health-worker-1  Started"),
                up.toString());
        org.junit.jupiter.api.Assertions.assertTrue(fixture.berth(project, "ps").ok().out().contains("(healthy)"));
        fixture.berth(project, "down").ok();
    }

    @org.junit.jupiter.api.Test
    void execAndANamedVolumeThatOutlivesDownUnlessDashV() throws Exception {
        java.nio.file.Path project = fixture.project("vol", """
                services:
                  app:
                    image: busybox:local
                    command: ["sh", "-c", "cat /data/note 2>/dev/null || echo kept > /data/note; exec sleep 1000"]
                    volumes:
                      - data:/data
                volumes:
                  data:
                """);
        fixture.berth(project, "up", "-d").ok();
        org.junit.jupiter.api.Assertions.assertEquals("kept\n", fixture.berth(project, "exec", "-T", "app", "cat", "/data/note").ok().out());
        org.junit.jupiter.api.Assertions.assertEquals(4, fixture.berth(project, "exec", "-T", "app", "sh", "-c", "exit 4").exitCode());
        fixture.berth(project, "down").ok();
        org.junit.jupiter.api.Assertions.assertTrue(fixture.runtime.inspectVolume("vol_data").isPresent(), "down keeps volumes");
        fixture.berth(project, "up", "-d").ok();
        org.junit.jupiter.api.Assertions.assertEquals("kept\n", fixture.berth(project, "exec", "-T", "app", "cat", "/data/note").ok().out());
        fixture.berth(project, "down", "-v").ok();
        org.junit.jupiter.api.Assertions.assertTrue(fixture.runtime.inspectVolume("vol_data").isEmpty(), "down -v removes them");
    }

    @org.junit.jupiter.api.Test
    void downRmiAllRemovesTheServicesImagesAfterTheirContainers() throws Exception {
        ImageReference tagged = ImageReference.parse("berth-rmi-test:1");
        fixture.runtime.tagImage(ImageReference.parse("busybox:local"), tagged);
        java.nio.file.Path project = fixture.project("rmi", """
                services:
                  app:
                    image: berth-rmi-test:1
                    command: ["sleep", "1000"]
                """);
        fixture.berth(project, "up", "-d").ok();
        org.junit.jupiter.api.Assertions.assertEquals(2, fixture.berth(project, "down", "--rmi", "some").exitCode());
        org.junit.jupiter.api.Assertions.assertTrue(fixture.runtime.findImage(tagged).isPresent(),
                "an image in use by a container is not removed");
        BerthRun down = fixture.berth(project, "down", "--rmi", "all").ok();
        org.junit.jupiter.api.Assertions.assertTrue(down.err().contains("Image berth-rmi-test:1  Removed"), down.err());
        org.junit.jupiter.api.Assertions.assertTrue(fixture.runtime.findImage(tagged).isEmpty());
        org.junit.jupiter.api.Assertions.assertTrue(fixture.runtime.findImage(ImageReference.parse("busybox:local")).isPresent(),
                "the other name of the same image stays");
    }

    @Override
    String serviceExtras() {
        return "";
    }
}
