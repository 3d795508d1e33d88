package io.berth.engine.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.engine.EngineException;
import io.berth.model.Project;
import io.berth.model.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** security_opt into the runtime's form: seccomp=FILE read relative to the project directory. */
class SecurityOptsTest {
    private static final String PROFILE = "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": []}";

    private static Project project(Path dir, Service service) {
        return ModelRecords.of(Project.class).set("name", "demo").set("workingDir", dir)
                .set("composeFiles", List.of(dir.resolve("compose.yaml")))
                .set("services", new TreeMap<>(Map.of(service.name(), service))).set("volumes", Map.of()).build();
    }

    private static Service service(List<String> securityOpt) {
        return ProjectTranslatorTest.service("web").set("securityOpt", securityOpt).build();
    }

    @Test
    void aProfileFileIsReadRelativeToTheProjectDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("profile.json"), PROFILE);
        Service web = service(List.of("seccomp=profile.json", "no-new-privileges:true"));
        assertEquals(List.of("seccomp=" + PROFILE, "no-new-privileges:true"), SecurityOpts.of(project(dir, web), web));
        Service unconfined = service(List.of("seccomp:unconfined"));
        assertEquals(List.of("seccomp:unconfined"), SecurityOpts.of(project(dir, unconfined), unconfined));
    }

    @Test
    void aMissingOrBrokenProfileAndUnsupportedOptionsStopUp(@TempDir Path dir) throws IOException {
        Service missing = service(List.of("seccomp=nope.json"));
        EngineException error = assertThrows(EngineException.class, () -> SecurityOpts.of(project(dir, missing), missing));
        assertTrue(error.getMessage().startsWith("service web: security_opt: seccomp=nope.json: "), error.getMessage());
        Files.writeString(dir.resolve("bad.json"), "{\"syscalls\": []}");
        Service bad = service(List.of("seccomp=bad.json"));
        error = assertThrows(EngineException.class, () -> SecurityOpts.of(project(dir, bad), bad));
        assertTrue(error.getMessage().contains("defaultAction is missing"), error.getMessage());
        Service both = service(List.of("apparmor=my-profile", "seccomp=nope.json"));
        error = assertThrows(EngineException.class, () -> SecurityOpts.of(project(dir, both), both));
        assertTrue(error.getMessage().contains("apparmor=my-profile") && error.getMessage().contains("nope.json"),
                "every problem at once: " + error.getMessage());
    }
}
