package io.berth.model.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComposeFileLocatorTest {

    private static final Path CWD = Path.of("/home/me/shop/api");

    private static ComposeFiles locate(InMemoryFiles files, List<String> fileOptions) {
        return new ComposeFileLocator(files).locate(fileOptions, Optional.empty(), Optional.empty(), CWD);
    }

    @Test
    void findsComposeYamlInCurrentDirectory() {
        InMemoryFiles files = new InMemoryFiles().file("/home/me/shop/api/compose.yaml", "");
        ComposeFiles found = locate(files, List.of());
        assertEquals(List.of(Path.of("/home/me/shop/api/compose.yaml")), found.files());
        assertEquals(CWD, found.projectDirectory());
        assertEquals(List.of(), found.warnings());
    }

    @Test
    void prefersComposeYamlOverDockerComposeYmlAndWarns() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/home/me/shop/api/docker-compose.yml", "")
                .file("/home/me/shop/api/compose.yaml", "");
        ComposeFiles found = locate(files, List.of());
        assertEquals(List.of(Path.of("/home/me/shop/api/compose.yaml")), found.files());
        assertEquals(List.of("Found multiple config files with supported names: /home/me/shop/api/compose.yaml,"
                + " /home/me/shop/api/docker-compose.yml", "Using /home/me/shop/api/compose.yaml"), found.warnings());
    }

    @Test
    void defaultNamesAreTriedInComposeOrder() {
        assertEquals("compose.yml", locate(new InMemoryFiles()
                .file("/home/me/shop/api/compose.yml", "")
                .file("/home/me/shop/api/docker-compose.yml", ""), List.of()).files().get(0).getFileName().toString());
        assertEquals("docker-compose.yml", locate(new InMemoryFiles()
                .file("/home/me/shop/api/docker-compose.yaml", "")
                .file("/home/me/shop/api/docker-compose.yml", ""), List.of()).files().get(0).getFileName().toString());
        assertEquals("docker-compose.yaml", locate(new InMemoryFiles()
                .file("/home/me/shop/api/docker-compose.yaml", ""), List.of()).files().get(0).getFileName().toString());
    }

    @Test
    void searchesParentDirectoriesAndUsesThatDirectoryAsProjectDirectory() {
        InMemoryFiles files = new InMemoryFiles().file("/home/me/shop/compose.yaml", "").directory(CWD.toString());
        ComposeFiles found = locate(files, List.of());
        assertEquals(List.of(Path.of("/home/me/shop/compose.yaml")), found.files());
        assertEquals(Path.of("/home/me/shop"), found.projectDirectory());
    }

    @Test
    void nearestDirectoryWins() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/home/me/compose.yaml", "")
                .file("/home/me/shop/docker-compose.yml", "");
        assertEquals(List.of(Path.of("/home/me/shop/docker-compose.yml")), locate(files, List.of()).files());
    }

    @Test
    void overrideFileInSameDirectoryIsAdded() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/home/me/shop/api/compose.yaml", "")
                .file("/home/me/shop/api/compose.override.yaml", "");
        assertEquals(List.of(Path.of("/home/me/shop/api/compose.yaml"), Path.of("/home/me/shop/api/compose.override.yaml")),
                locate(files, List.of()).files());
    }

    @Test
    void anyOverrideNamePairsWithAnyMainName() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/home/me/shop/api/docker-compose.yml", "")
                .file("/home/me/shop/api/compose.override.yml", "")
                .file("/home/me/shop/api/docker-compose.override.yml", "");
        ComposeFiles found = locate(files, List.of());
        assertEquals(List.of(Path.of("/home/me/shop/api/docker-compose.yml"),
                Path.of("/home/me/shop/api/compose.override.yml")), found.files());
        assertEquals("Found multiple override files with supported names: /home/me/shop/api/compose.override.yml,"
                + " /home/me/shop/api/docker-compose.override.yml", found.warnings().get(0));
    }

    @Test
    void overrideInParentOfFoundFileIsNotUsed() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/home/me/shop/api/compose.yaml", "")
                .file("/home/me/shop/compose.override.yaml", "");
        assertEquals(1, locate(files, List.of()).files().size());
    }

    @Test
    void nothingFoundFails() {
        ComposeFileException error = assertThrows(ComposeFileException.class,
                () -> locate(new InMemoryFiles().directory(CWD.toString()), List.of()));
        assertEquals("no configuration file provided: not found", error.getMessage());
    }

    @Test
    void fileOptionsAreUsedInOrderWithoutOverrides() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/home/me/shop/api/compose.yaml", "")
                .file("/home/me/shop/api/compose.override.yaml", "")
                .file("/home/me/shop/base.yml", "")
                .file("/home/me/shop/api/prod.yml", "");
        ComposeFiles found = locate(files, List.of("../base.yml", "prod.yml"));
        assertEquals(List.of(Path.of("/home/me/shop/base.yml"), Path.of("/home/me/shop/api/prod.yml")), found.files());
        assertEquals(Path.of("/home/me/shop"), found.projectDirectory());
    }

    @Test
    void stdinIsAFileAndLeavesProjectDirectoryToTheCurrentDirectory() {
        ComposeFiles found = locate(new InMemoryFiles(), List.of("-"));
        assertEquals(List.of(ComposeFiles.STDIN), found.files());
        assertEquals(CWD, found.projectDirectory());
    }

    @Test
    void projectDirectoryIsFromFirstFileThatIsNotStdin() {
        InMemoryFiles files = new InMemoryFiles().file("/srv/extra.yml", "");
        ComposeFiles found = locate(files, List.of("-", "/srv/extra.yml"));
        assertEquals(Path.of("/srv"), found.projectDirectory());
    }

    @Test
    void missingNamedFileFails() {
        ComposeFileException error = assertThrows(ComposeFileException.class,
                () -> locate(new InMemoryFiles(), List.of("nope.yml")));
        assertEquals("stat /home/me/shop/api/nope.yml: no such file or directory", error.getMessage());
    }

    @Test
    void namedDirectoryFails() {
        InMemoryFiles files = new InMemoryFiles().directory("/home/me/shop/api/conf");
        ComposeFileException error = assertThrows(ComposeFileException.class, () -> locate(files, List.of("conf")));
        assertEquals("read /home/me/shop/api/conf: is a directory", error.getMessage());
    }

    @Test
    void composeFileVariableIsUsedWhenNoFileOption() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/home/me/shop/api/compose.yaml", "")
                .file("/home/me/shop/api/a.yml", "")
                .file("/etc/b.yml", "");
        ComposeFiles found = new ComposeFileLocator(files).locate(List.of(), Optional.of(List.of("a.yml", "/etc/b.yml")),
                Optional.empty(), CWD);
        assertEquals(List.of(Path.of("/home/me/shop/api/a.yml"), Path.of("/etc/b.yml")), found.files());
    }

    @Test
    void fileOptionWinsOverComposeFileVariable() {
        InMemoryFiles files = new InMemoryFiles().file("/home/me/shop/api/a.yml", "").file("/home/me/shop/api/b.yml", "");
        ComposeFiles found = new ComposeFileLocator(files).locate(List.of("b.yml"), Optional.of(List.of("a.yml")),
                Optional.empty(), CWD);
        assertEquals(List.of(Path.of("/home/me/shop/api/b.yml")), found.files());
    }

    @Test
    void projectDirectoryOptionStartsTheSearchAndIsTheProjectDirectory() {
        InMemoryFiles files = new InMemoryFiles()
                .file("/home/me/shop/api/compose.yaml", "")
                .file("/srv/app/compose.yaml", "");
        ComposeFiles found = new ComposeFileLocator(files).locate(List.of(), Optional.empty(), Optional.of("/srv/app"), CWD);
        assertEquals(List.of(Path.of("/srv/app/compose.yaml")), found.files());
        assertEquals(Path.of("/srv/app"), found.projectDirectory());
    }

    @Test
    void projectDirectoryOptionWinsOverFileDirectory() {
        InMemoryFiles files = new InMemoryFiles().file("/srv/app/compose.yaml", "");
        ComposeFiles found = new ComposeFileLocator(files).locate(List.of("/srv/app/compose.yaml"), Optional.empty(),
                Optional.of(".."), CWD);
        assertEquals(Path.of("/home/me/shop"), found.projectDirectory());
    }
}
