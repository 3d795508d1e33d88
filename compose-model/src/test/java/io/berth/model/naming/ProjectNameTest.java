package io.berth.model.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectNameTest {

    private static final Path DIRECTORY = Path.of("/home/me/My Shop");

    @Test
    void flagWinsOverEverything() {
        ProjectName name = ProjectName.resolve(Optional.of("cli"), Optional.of("env"), Optional.of("file"), DIRECTORY);
        assertEquals(new ProjectName("cli", ProjectName.Source.FLAG), name);
    }

    @Test
    void environmentWinsOverTopLevelName() {
        ProjectName name = ProjectName.resolve(Optional.empty(), Optional.of("env"), Optional.of("file"), DIRECTORY);
        assertEquals(new ProjectName("env", ProjectName.Source.ENVIRONMENT), name);
    }

    @Test
    void topLevelNameWinsOverDirectory() {
        ProjectName name = ProjectName.resolve(Optional.empty(), Optional.empty(), Optional.of("file"), DIRECTORY);
        assertEquals(new ProjectName("file", ProjectName.Source.COMPOSE_FILE), name);
    }

    @Test
    void directoryBaseNameIsTheLastResortAndIsNormalized() {
        ProjectName name = ProjectName.resolve(Optional.empty(), Optional.empty(), Optional.empty(), DIRECTORY);
        assertEquals(new ProjectName("myshop", ProjectName.Source.DIRECTORY), name);
    }

    @Test
    void emptyFlagAndEnvironmentAreIgnored() {
        ProjectName name = ProjectName.resolve(Optional.of(""), Optional.of(""), Optional.empty(), Path.of("/srv/app"));
        assertEquals("app", name.value());
    }

    @Test
    void topLevelNameIsNormalizedNotRejected() {
        ProjectName name = ProjectName.resolve(Optional.empty(), Optional.empty(), Optional.of("_My App.v2"), DIRECTORY);
        assertEquals("myappv2", name.value());
    }

    /** As Docker Compose 2.26.1: name: "---" (or "${UNSET}") is refused, not replaced by the directory's name. */
    @Test
    void topLevelNameThatNormalizesToNothingIsRefused() {
        ProjectName name = ProjectName.resolve(Optional.empty(), Optional.empty(), Optional.of("Ünïcödé!"), Path.of("/srv/app"));
        assertEquals(new ProjectName("ncd", ProjectName.Source.COMPOSE_FILE), name);
        assertThrows(InvalidProjectNameException.class,
                () -> ProjectName.resolve(Optional.empty(), Optional.empty(), Optional.of("---"), Path.of("/srv/app")));
        ProjectName flag = ProjectName.resolve(Optional.of("given"), Optional.empty(), Optional.of("---"), Path.of("/srv/app"));
        assertEquals(new ProjectName("given", ProjectName.Source.FLAG), flag);
    }

    @Test
    void invalidFlagFailsWithComposeMessage() {
        InvalidProjectNameException error = assertThrows(InvalidProjectNameException.class,
                () -> ProjectName.resolve(Optional.of("My_Project"), Optional.empty(), Optional.empty(), DIRECTORY));
        assertEquals("invalid project name \"My_Project\": must consist only of lowercase alphanumeric characters,"
                + " hyphens, and underscores as well as start with a letter or number", error.getMessage());
    }

    @Test
    void invalidEnvironmentNameFails() {
        assertThrows(InvalidProjectNameException.class,
                () -> ProjectName.resolve(Optional.empty(), Optional.of("-leading-dash"), Optional.empty(), DIRECTORY));
    }

    @Test
    void normalizeLowercasesAndDropsOtherCharacters() {
        assertEquals("hello-world_1", ProjectName.normalize("Hello -World!_1"));
        assertEquals("abc", ProjectName.normalize("a.b/c"));
        assertEquals("web", ProjectName.normalize("WEB"));
    }

    @Test
    void normalizeDropsLeadingDashesAndUnderscoresOnly() {
        assertEquals("a-_b_", ProjectName.normalize("__--a-_b_"));
    }

    @Test
    void validateAcceptsValidNames() {
        assertEquals("my-app_2", ProjectName.validate("my-app_2"));
        assertEquals("2app", ProjectName.validate("2app"));
    }

    @Test
    void validateRejectsUppercaseDotsAndLeadingUnderscore() {
        assertThrows(InvalidProjectNameException.class, () -> ProjectName.validate("App"));
        assertThrows(InvalidProjectNameException.class, () -> ProjectName.validate("my.app"));
        assertThrows(InvalidProjectNameException.class, () -> ProjectName.validate("_app"));
    }

    @Test
    void rootDirectoryGivesNoNameAndFails() {
        InvalidProjectNameException error = assertThrows(InvalidProjectNameException.class,
                () -> ProjectName.resolve(Optional.empty(), Optional.empty(), Optional.empty(), Path.of("/")));
        assertEquals(true, error.getMessage().startsWith("project name must not be empty"));
    }

    @Test
    void recordRejectsInvalidValue() {
        assertThrows(InvalidProjectNameException.class, () -> new ProjectName("Bad", ProjectName.Source.FLAG));
        assertThrows(InvalidProjectNameException.class, () -> new ProjectName("", ProjectName.Source.FLAG));
    }
}
