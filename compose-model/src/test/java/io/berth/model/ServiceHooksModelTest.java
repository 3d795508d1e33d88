package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** post_start, pre_stop and device_cgroup_rules land in their typed fields (issue 14). */
class ServiceHooksModelTest {
    private final ComposeFixture fixture = new ComposeFixture();

    @AfterEach
    void cleanUp() throws Exception {
        fixture.close();
    }

    @Test
    void hooksAreTypedWithTheirCommandAsAListAndTheirEnvironmentInOrder() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  app:
                    image: busybox
                    post_start:
                      - command: chown -R 1001 "/data dir"
                        user: root
                        privileged: true
                        working_dir: /data
                        environment: [B=2, A=1]
                      - command: [touch, /ready]
                    pre_stop:
                      - command: sh -c 'kill -USR1 1'
                        environment: {MODE: drain}
                    device_cgroup_rules: ["c 1:3 mr", "a *:* rwm"]
                """);
        Service app = fixture.project().service("app");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("B", "2");
        environment.put("A", "1");
        assertEquals(List.of(new ServiceHook(List.of("chown", "-R", "1001", "/data dir"), "root", true, "/data",
                environment), new ServiceHook(List.of("touch", "/ready"), null, false, null, Map.of())), app.postStart());
        assertEquals(List.of(new ServiceHook(List.of("sh", "-c", "kill -USR1 1"), null, false, null,
                Map.of("MODE", "drain"))), app.preStop());
        assertEquals(List.of("B", "A"), List.copyOf(app.postStart().get(0).environment().keySet()));
        assertEquals(List.of("c 1:3 mr", "a *:* rwm"), app.deviceCgroupRules());
    }

    @Test
    void withoutThemTheListsAreEmpty() throws Exception {
        fixture.file("compose.yaml", "services: {app: {image: busybox}}\n");
        Service app = fixture.project().service("app");
        assertEquals(List.of(), app.postStart());
        assertEquals(List.of(), app.preStop());
        assertEquals(List.of(), app.deviceCgroupRules());
    }
}
