package io.berth.model.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.model.files.InMemoryFiles;
import io.berth.model.interpolation.VariableLookup;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

    private static final VariableLookup PROJECT = VariableLookup.of(Map.of("HOME", "/root", "TAG", "1.0"));

    private static Map<String, String> resolve(List<EnvFileSpec> envFiles, Map<String, String> environment, InMemoryFiles files) {
        return ServiceEnvironment.resolve(envFiles, environment, PROJECT, files);
    }

    @Test
    void envFilesAreReadInOrderLaterWins() {
        InMemoryFiles files = new InMemoryFiles().file("/p/a.env", "A=1\nB=a\n").file("/p/b.env", "B=b\nC=3\n");
        assertEquals(Map.of("A", "1", "B", "b", "C", "3"),
                resolve(List.of(EnvFileSpec.of(Path.of("/p/a.env")), EnvFileSpec.of(Path.of("/p/b.env"))), Map.of(), files));
    }

    @Test
    void envFileIsInterpolatedWithEarlierFilesThenProject() {
        InMemoryFiles files = new InMemoryFiles().file("/p/a.env", "BASE=/srv\n").file("/p/b.env", "DATA=$BASE/data\nH=$HOME\n");
        Map<String, String> resolved = resolve(List.of(EnvFileSpec.of(Path.of("/p/a.env")), EnvFileSpec.of(Path.of("/p/b.env"))),
                Map.of(), files);
        assertEquals("/srv/data", resolved.get("DATA"));
        assertEquals("/root", resolved.get("H"));
    }

    @Test
    void environmentEntriesOverrideEnvFiles() {
        InMemoryFiles files = new InMemoryFiles().file("/p/a.env", "A=file\nB=file\n");
        assertEquals(Map.of("A", "env", "B", "file"),
                resolve(List.of(EnvFileSpec.of(Path.of("/p/a.env"))), Map.of("A", "env"), files));
    }

    @Test
    void entryWithoutValueTakesProjectValue() {
        Map<String, String> environment = new HashMap<>();
        environment.put("TAG", null);
        assertEquals(Map.of("TAG", "1.0"), resolve(List.of(), environment, new InMemoryFiles()));
    }

    @Test
    void unsetEntryWithoutValueStaysNullEvenOverEnvFile() {
        InMemoryFiles files = new InMemoryFiles().file("/p/a.env", "MISSING=file\n");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("MISSING", null);
        Map<String, String> resolved = resolve(List.of(EnvFileSpec.of(Path.of("/p/a.env"))), environment, files);
        assertTrue(resolved.containsKey("MISSING"));
        assertNull(resolved.get("MISSING"));
    }

    @Test
    void missingRequiredEnvFileFails() {
        EnvFileException error = assertThrows(EnvFileException.class,
                () -> resolve(List.of(EnvFileSpec.of(Path.of("/p/none.env"))), Map.of(), new InMemoryFiles()));
        assertEquals("env file /p/none.env not found: stat /p/none.env: no such file or directory", error.getMessage());
    }

    @Test
    void missingOptionalEnvFileIsSkipped() {
        EnvFileSpec optional = new EnvFileSpec(Path.of("/p/none.env"), false, Optional.empty());
        assertEquals(Map.of(), resolve(List.of(optional), Map.of(), new InMemoryFiles()));
    }

    @Test
    void rawFormatKeepsValuesAsTheyAre() {
        InMemoryFiles files = new InMemoryFiles().file("/p/raw.env", "A=\"$HOME\"\n");
        EnvFileSpec raw = new EnvFileSpec(Path.of("/p/raw.env"), true, Optional.of("raw"));
        assertEquals(Map.of("A", "\"$HOME\""), resolve(List.of(raw), Map.of(), files));
    }

    @Test
    void unknownFormatFails() {
        InMemoryFiles files = new InMemoryFiles().file("/p/a.env", "A=1\n");
        EnvFileSpec odd = new EnvFileSpec(Path.of("/p/a.env"), true, Optional.of("json"));
        EnvFileException error = assertThrows(EnvFileException.class, () -> resolve(List.of(odd), Map.of(), files));
        assertEquals("failed to read /p/a.env: unsupported env_file format \"json\"", error.getMessage());
    }

    @Test
    void malformedEnvFileFailsWithFileAndLine() {
        InMemoryFiles files = new InMemoryFiles().file("/p/a.env", "A=1\nB C=2\n");
        EnvFileException error = assertThrows(EnvFileException.class,
                () -> resolve(List.of(EnvFileSpec.of(Path.of("/p/a.env"))), Map.of(), files));
        assertEquals("failed to read /p/a.env: line 2: key cannot contain a space", error.getMessage());
    }
}
