package io.berth.model.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.model.files.InMemoryFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectEnvironmentTest {

    private static final Path CWD = Path.of("/work/app");

    private static ProjectEnvironment load(Map<String, String> process, List<String> envFileOptions, InMemoryFiles files) {
        return ProjectEnvironment.load(process, envFileOptions, CWD, CWD, files);
    }

    @Test
    void dotEnvInWorkingDirectoryAddsVariables() {
        InMemoryFiles files = new InMemoryFiles().file("/work/app/.env", "TAG=1.0\nPORT=80\n");
        ProjectEnvironment environment = load(Map.of("HOME", "/root"), List.of(), files);
        assertEquals(Map.of("HOME", "/root", "TAG", "1.0", "PORT", "80"), environment.variables());
        assertEquals(List.of(Path.of("/work/app/.env")), environment.envFiles());
        assertFalse(environment.explicitEnvFiles());
    }

    @Test
    void processEnvironmentWinsOverDotEnv() {
        InMemoryFiles files = new InMemoryFiles().file("/work/app/.env", "TAG=from-file\n");
        assertEquals(Optional.of("from-shell"), load(Map.of("TAG", "from-shell"), List.of(), files).get("TAG"));
    }

    @Test
    void missingDotEnvIsFine() {
        ProjectEnvironment environment = load(Map.of("A", "1"), List.of(), new InMemoryFiles().directory("/work/app"));
        assertEquals(Map.of("A", "1"), environment.variables());
        assertEquals(List.of(), environment.envFiles());
    }

    @Test
    void dotEnvThatIsADirectoryIsIgnored() {
        InMemoryFiles files = new InMemoryFiles().directory("/work/app/.env");
        assertEquals(List.of(), load(Map.of(), List.of(), files).envFiles());
    }

    @Test
    void dotEnvIsInterpolatedWithProcessEnvironment() {
        InMemoryFiles files = new InMemoryFiles().file("/work/app/.env", "DATA=${HOME}/data\n");
        assertEquals(Optional.of("/root/data"), load(Map.of("HOME", "/root"), List.of(), files).get("DATA"));
    }

    @Test
    void envFileOptionsReplaceDotEnv() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/work/app/.env", "FROM_DOT_ENV=1\n")
                .file("/work/app/prod.env", "TAG=prod\n");
        ProjectEnvironment environment = load(Map.of(), List.of("prod.env"), files);
        assertEquals(Map.of("TAG", "prod"), environment.variables());
        assertTrue(environment.explicitEnvFiles());
    }

    @Test
    void laterEnvFileReplacesEarlierAndSeesItsValues() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/work/app/a.env", "TAG=a\nBASE=/srv\n")
                .file("/work/conf/b.env", "TAG=b\nDATA=${BASE}/data\n");
        ProjectEnvironment environment = load(Map.of(), List.of("a.env", "../conf/b.env"), files);
        assertEquals(Optional.of("b"), environment.get("TAG"));
        assertEquals(Optional.of("/srv/data"), environment.get("DATA"));
        assertEquals(List.of(Path.of("/work/app/a.env"), Path.of("/work/conf/b.env")), environment.envFiles());
    }

    @Test
    void composeEnvFilesIsCommaSeparated() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/work/app/one.env", "A=1\n")
                .file("/etc/two.env", "B=2\n");
        ProjectEnvironment environment = load(Map.of("COMPOSE_ENV_FILES", "one.env,/etc/two.env"), List.of(), files);
        assertEquals(Optional.of("1"), environment.get("A"));
        assertEquals(Optional.of("2"), environment.get("B"));
    }

    @Test
    void composeEnvFilesDropsEmptyEntriesAndEmptyMeansUnset() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/work/app/one.env", "A=1\n")
                .file("/work/app/.env", "B=2\n");
        ProjectEnvironment environment = load(Map.of("COMPOSE_ENV_FILES", ",one.env,,"), List.of(), files);
        assertEquals(List.of(Path.of("/work/app/one.env")), environment.envFiles());
        assertEquals(Optional.of("2"), load(Map.of("COMPOSE_ENV_FILES", ""), List.of(), files).get("B"));
    }

    @Test
    void envFileOptionWinsOverComposeEnvFiles() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/work/app/one.env", "A=1\n")
                .file("/work/app/two.env", "B=2\n");
        ProjectEnvironment environment = load(Map.of("COMPOSE_ENV_FILES", "one.env"), List.of("two.env"), files);
        assertEquals(Optional.empty(), environment.get("A"));
        assertEquals(Optional.of("2"), environment.get("B"));
    }

    @Test
    void missingExplicitEnvFileFails() {
        EnvFileException error = assertThrows(EnvFileException.class,
                () -> load(Map.of(), List.of("nope.env"), new InMemoryFiles()));
        assertEquals("Couldn't find env file: /work/app/nope.env", error.getMessage());
    }

    @Test
    void explicitEnvFileThatIsADirectoryFails() {
        InMemoryFiles files = new InMemoryFiles().directory("/work/app/conf");
        EnvFileException error = assertThrows(EnvFileException.class, () -> load(Map.of(), List.of("conf"), files));
        assertEquals("/work/app/conf is a directory", error.getMessage());
    }

    @Test
    void malformedEnvFileFailsWithFileAndLine() {
        InMemoryFiles files = new InMemoryFiles().file("/work/app/.env", "A=1\nB=\"open\n");
        EnvFileException error = assertThrows(EnvFileException.class, () -> load(Map.of(), List.of(), files));
        assertEquals("failed to read /work/app/.env: line 2: unterminated quoted value \"open", error.getMessage());
    }

    @Test
    void composeDisableEnvFileSkipsDotEnv() {
        InMemoryFiles files = new InMemoryFiles().file("/work/app/.env", "A=1\n");
        assertEquals(Optional.empty(), load(Map.of("COMPOSE_DISABLE_ENV_FILE", "true"), List.of(), files).get("A"));
        assertEquals(Optional.of("1"), load(Map.of("COMPOSE_DISABLE_ENV_FILE", "0"), List.of(), files).get("A"));
    }

    @Test
    void composeDisableEnvFileMustBeBoolean() {
        EnvFileException error = assertThrows(EnvFileException.class,
                () -> load(Map.of("COMPOSE_DISABLE_ENV_FILE", "yes"), List.of(), new InMemoryFiles()));
        assertTrue(error.getMessage().contains("invalid syntax"), error.getMessage());
    }

    @Test
    void composeVariablesFromDotEnvApply() {
        InMemoryFiles files = new InMemoryFiles().file("/work/app/.env",
                "COMPOSE_PROJECT_NAME=shop\nCOMPOSE_FILE=a.yaml;b.yaml\nCOMPOSE_PATH_SEPARATOR=;\nCOMPOSE_PROFILES=dev,,debug\n");
        ProjectEnvironment environment = load(Map.of(), List.of(), files);
        assertEquals(Optional.of("shop"), environment.projectName());
        assertEquals(Optional.of(List.of("a.yaml", "b.yaml")), environment.composeFiles());
        assertEquals(List.of("dev", "debug"), environment.profiles());
    }

    @Test
    void composeFileDefaultSeparatorIsColon() {
        ProjectEnvironment environment = load(Map.of("COMPOSE_FILE", "a.yaml:b.yaml"), List.of(), new InMemoryFiles());
        assertEquals(":", environment.pathSeparator());
        assertEquals(Optional.of(List.of("a.yaml", "b.yaml")), environment.composeFiles());
    }

    @Test
    void withProjectNameMakesItAvailableToInterpolation() {
        ProjectEnvironment environment = load(Map.of("A", "1"), List.of(), new InMemoryFiles()).withProjectName("shop");
        assertEquals(Optional.of("shop"), environment.lookup().lookup("COMPOSE_PROJECT_NAME"));
        assertEquals(Optional.of("1"), environment.get("A"));
    }

    @Test
    void emptyProjectNameCountsAsUnset() {
        assertEquals(Optional.empty(), load(Map.of("COMPOSE_PROJECT_NAME", ""), List.of(), new InMemoryFiles()).projectName());
        assertEquals(Optional.empty(), load(Map.of(), List.of(), new InMemoryFiles()).composeFiles());
    }

    @Test
    void secondDotEnvFromComposeFileDirectoryAddsOnlyUnsetVariables() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/work/app/.env", "A=from-cwd\n")
                .file("/work/.env", "A=from-parent\nB=${A}-b\n");
        ProjectEnvironment first = load(Map.of(), List.of(), files);
        ProjectEnvironment second = first.withDefaultDotEnvFrom(Path.of("/work"), files);
        assertEquals(Optional.of("from-cwd"), second.get("A"));
        // the environment (here the first .env's A) wins over the file's own earlier keys, as in compose-go's dotenv
        assertEquals(Optional.of("from-cwd-b"), second.get("B"));
        assertEquals(List.of(Path.of("/work/app/.env"), Path.of("/work/.env")), second.envFiles());
    }

    @Test
    void secondDotEnvIsSkippedForExplicitEnvFilesOrSameDirectory() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/work/app/x.env", "A=1\n")
                .file("/work/app/.env", "B=2\n")
                .file("/work/.env", "C=3\n");
        ProjectEnvironment explicit = load(Map.of(), List.of("x.env"), files);
        assertSame(explicit, explicit.withDefaultDotEnvFrom(Path.of("/work"), files));
        ProjectEnvironment dotEnv = load(Map.of(), List.of(), files);
        assertSame(dotEnv, dotEnv.withDefaultDotEnvFrom(CWD, files));
    }

    @Test
    void processVariablesComeFirstSortedThenFileVariablesInOrder() {
        InMemoryFiles files = new InMemoryFiles().file("/work/app/.env", "Z=1\nA=2\n");
        ProjectEnvironment environment = load(Map.of("Y", "y", "B", "b"), List.of(), files);
        assertEquals(List.of("B", "Y", "Z", "A"), List.copyOf(environment.variables().keySet()));
    }
}
