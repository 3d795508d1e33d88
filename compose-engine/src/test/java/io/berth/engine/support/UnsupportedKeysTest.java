package io.berth.engine.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.model.LoadOptions;
import io.berth.model.Project;
import io.berth.model.ProjectLoader;
import io.berth.model.load.KnownKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnsupportedKeysTest {
    @TempDir
    Path directory;

    private Project load(String yaml) throws Exception {
        Files.writeString(directory.resolve("compose.yaml"), yaml);
        return ProjectLoader.load(LoadOptions.of(directory, Map.of()));
    }

    @Test
    void everyServiceAttributeTheModelAcceptsIsInTheSupportTable() {
        TreeSet<String> missing = new TreeSet<>(KnownKeys.SERVICE);
        missing.removeAll(SupportTable.all().keySet());
        assertEquals(new TreeSet<>(), missing, "service attributes with no line in SupportTable");
        for (String key : KnownKeys.DEPLOY) {
            assertTrue(SupportTable.all().containsKey("deploy." + key), "deploy." + key);
        }
        for (String kind : List.of("limits", "reservations")) {
            for (String key : KnownKeys.LIMITS) {
                assertTrue(SupportTable.all().containsKey("deploy.resources." + kind + "." + key),
                        "deploy.resources." + kind + "." + key);
            }
        }
    }

    @Test
    void warningsAndRefusalsOncePerServiceAndKeyForTheSelectedServicesAndTheirDependencies() throws Exception {
        Project project = load("""
                services:
                  web:
                    image: busybox
                    oom_kill_disable: true
                    blkio_config: {weight: 300}
                    init: false
                    security_opt: ["no-new-privileges:true"]
                    depends_on: [db]
                  db:
                    image: busybox
                    gpus: all
                    ipc: host
                    deploy:
                      placement: {constraints: ["node.role==manager"]}
                      resources:
                        reservations:
                          cpus: "0.5"
                  other:
                    image: busybox
                    runtime: runsc
                """);
        UnsupportedKeys.Report report = UnsupportedKeys.check(project, List.of("web"));
        assertEquals(List.of(
                "service db: deploy.resources.reservations.cpus is not supported by berth (no CPU reservations)",
                "service web: blkio_config is not supported by berth (no block I/O limits)",
                "service web: oom_kill_disable is not supported by berth (the OOM killer stays enabled)"),
                report.warnings());
        assertEquals(List.of("service db: gpus is not supported by berth (no GPU access)"), report.refusals());
        assertTrue(UnsupportedKeys.check(project, List.of()).refusals().stream().anyMatch(r -> r.startsWith("service other: runtime")));
    }

    @Test
    void valuesThatAskForNothingSpecialAreFine() throws Exception {
        Project project = load("""
                services:
                  web:
                    image: busybox
                    ipc: shareable
                    pid: ""
                    cgroup: private
                    userns_mode: host
                    platform: %s
                    logging:
                      driver: json-file
                """.formatted(HostPlatform.name()));
        UnsupportedKeys.Report report = UnsupportedKeys.check(project, List.of());
        assertEquals(List.of(), report.warnings());
        assertEquals(List.of(), report.refusals());
    }

    @Test
    void anotherPlatformOrLogDriverIsNamed() throws Exception {
        Project project = load("""
                services:
                  web:
                    image: busybox
                    platform: linux/s390x
                    logging:
                      driver: syslog
                """);
        UnsupportedKeys.Report report = UnsupportedKeys.check(project, List.of());
        assertEquals(List.of("service web: logging.driver is not supported by berth (\"syslog\": logs are kept by"
                + " Berth as with json-file; berth logs shows them)"), report.warnings());
        assertEquals(List.of("service web: platform is not supported by berth (platform: linux/s390x: only the host's"
                + " platform (" + HostPlatform.name() + ") can run)"), report.refusals());
    }

    @Test
    void deployRestartPolicyBecomesTheRestartPolicyAsComposeMapsIt() throws Exception {
        Project project = load("""
                services:
                  a:
                    image: busybox
                    restart: "no"
                    deploy:
                      restart_policy:
                        condition: on-failure
                        max_attempts: 3
                  b:
                    image: busybox
                    deploy:
                      restart_policy:
                        condition: any
                  c:
                    image: busybox
                    restart: unless-stopped
                """);
        assertEquals("on-failure:3", project.service("a").restart());
        assertEquals("always", project.service("b").restart());
        assertEquals("unless-stopped", project.service("c").restart());
        assertEquals(List.of(), UnsupportedKeys.check(project, List.of()).warnings());
    }
}
