package io.berth.model.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.model.files.InMemoryFiles;
import io.berth.model.naming.InvalidProjectNameException;
import io.berth.model.naming.ProjectName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectDiscoveryTest {

    private static final Path CWD = Path.of("/home/me/shop");

    private static DiscoveredProject discover(DiscoveryOptions options, Map<String, String> env, InMemoryFiles files) {
        return ProjectDiscovery.discover(options, env, CWD, files);
    }

    private static DiscoveryOptions files(String... files) {
        return new DiscoveryOptions(List.of(files), Optional.empty(), List.of(), List.of(), Optional.empty());
    }

    @Test
    void plainDirectoryWithComposeYamlAndDotEnv() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/home/me/shop/compose.yaml", "")
                .file("/home/me/shop/.env", "TAG=1\n");
        DiscoveredProject project = discover(DiscoveryOptions.none(), Map.of(), files);
        assertEquals(List.of(Path.of("/home/me/shop/compose.yaml")), project.composeFiles().files());
        assertEquals(Optional.of("1"), project.environment().get("TAG"));
        assertEquals(new ProjectName("shop", ProjectName.Source.DIRECTORY), project.projectName(Optional.empty()));
    }

    @Test
    void composeFileFromDotEnvSelectsTheFiles() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/home/me/shop/compose.yaml", "")
                .file("/home/me/shop/base.yml", "")
                .file("/home/me/shop/dev.yml", "")
                .file("/home/me/shop/.env", "COMPOSE_FILE=base.yml:dev.yml\n");
        DiscoveredProject project = discover(DiscoveryOptions.none(), Map.of(), files);
        assertEquals(List.of(Path.of("/home/me/shop/base.yml"), Path.of("/home/me/shop/dev.yml")),
                project.composeFiles().files());
    }

    @Test
    void projectNameFromDotEnvWinsOverTopLevelName() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/home/me/shop/compose.yaml", "")
                .file("/home/me/shop/.env", "COMPOSE_PROJECT_NAME=fromenv\n");
        DiscoveredProject project = discover(DiscoveryOptions.none(), Map.of(), files);
        assertEquals(new ProjectName("fromenv", ProjectName.Source.ENVIRONMENT), project.projectName(Optional.of("top")));
    }

    @Test
    void topLevelNameWinsOverDirectory() {
        InMemoryFiles files = new InMemoryFiles().file("/home/me/shop/compose.yaml", "");
        assertEquals("top", discover(DiscoveryOptions.none(), Map.of(), files).projectName(Optional.of("Top")).value());
    }

    @Test
    void dotEnvNextToComposeFileFoundInParentIsRead() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/home/me/compose.yaml", "")
                .file("/home/me/.env", "TAG=parent\n")
                .directory("/home/me/shop");
        DiscoveredProject project = discover(DiscoveryOptions.none(), Map.of(), files);
        assertEquals(Path.of("/home/me"), project.composeFiles().projectDirectory());
        assertEquals(Optional.of("parent"), project.environment().get("TAG"));
        assertEquals("me", project.projectName(Optional.empty()).value());
    }

    @Test
    void dotEnvIsReadFromTheDirectoryOfTheFirstFileOption() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/srv/app/compose.yaml", "")
                .file("/srv/app/.env", "TAG=srv\n")
                .file("/home/me/shop/.env", "TAG=cwd\n");
        DiscoveredProject project = discover(files("/srv/app/compose.yaml"), Map.of(), files);
        assertEquals(Optional.of("srv"), project.environment().get("TAG"));
        assertEquals(Path.of("/srv/app"), project.composeFiles().projectDirectory());
    }

    @Test
    void pwdIsAddedWhenMissing() {
        InMemoryFiles files = new InMemoryFiles().file("/home/me/shop/compose.yaml", "");
        assertEquals(Optional.of("/home/me/shop"), discover(DiscoveryOptions.none(), Map.of(), files).environment().get("PWD"));
        assertEquals(Optional.of("/elsewhere"),
                discover(DiscoveryOptions.none(), Map.of("PWD", "/elsewhere"), files).environment().get("PWD"));
    }

    @Test
    void processEnvironmentWins() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/home/me/shop/compose.yaml", "")
                .file("/home/me/shop/.env", "TAG=file\n");
        assertEquals(Optional.of("shell"), discover(DiscoveryOptions.none(), Map.of("TAG", "shell"), files).environment().get("TAG"));
    }

    @Test
    void profilesComeFromOptionsElseComposeProfiles() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/home/me/shop/compose.yaml", "")
                .file("/home/me/shop/.env", "COMPOSE_PROFILES=dev,debug\n");
        assertEquals(List.of("dev", "debug"), discover(DiscoveryOptions.none(), Map.of(), files).profiles());
        DiscoveryOptions withProfile = new DiscoveryOptions(List.of(), Optional.empty(), List.of(), List.of("prod"), Optional.empty());
        assertEquals(List.of("prod"), discover(withProfile, Map.of(), files).profiles());
    }

    @Test
    void projectNameFlagWinsAndIsValidated() {
        InMemoryFiles files = new InMemoryFiles().file("/home/me/shop/compose.yaml", "");
        DiscoveryOptions named = new DiscoveryOptions(List.of(), Optional.empty(), List.of(), List.of(), Optional.of("cli"));
        assertEquals(new ProjectName("cli", ProjectName.Source.FLAG),
                discover(named, Map.of("COMPOSE_PROJECT_NAME", "env"), files).projectName(Optional.of("top")));
        DiscoveryOptions invalid = new DiscoveryOptions(List.of(), Optional.empty(), List.of(), List.of(), Optional.of("Bad"));
        assertThrows(InvalidProjectNameException.class, () -> discover(invalid, Map.of(), files));
    }

    @Test
    void projectDirectoryOptionLocatesDotEnvAndFiles() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/srv/app/compose.yaml", "")
                .file("/srv/app/.env", "TAG=srv\n");
        DiscoveryOptions options = new DiscoveryOptions(List.of(), Optional.of("/srv/app"), List.of(), List.of(), Optional.empty());
        DiscoveredProject project = discover(options, Map.of(), files);
        assertEquals(Optional.of("srv"), project.environment().get("TAG"));
        assertEquals(List.of(Path.of("/srv/app/compose.yaml")), project.composeFiles().files());
        assertEquals("app", project.projectName(Optional.empty()).value());
    }
}
