package io.berth.runtime.build.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceSelectorTest {
    private static final Predicate<String> NO_DIRS = path -> false;

    @TempDir
    Path context;

    private void write(String path, String content) throws IOException {
        Path file = context.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @BeforeEach
    void files() throws IOException {
        write("app.py", "print()\n");
        write("lib.py", "x = 1\n");
        write("README.md", "readme\n");
        write("src/main.go", "package main\n");
        write("src/util/strings.go", "package util\n");
        write("src/util/strings_test.go", "package util\n");
        write("secret.key", "k\n");
    }

    private List<String> destinations(CopySelection selection) {
        return selection.items().stream().map(CopyItem::destination).toList();
    }

    private CopySelection select(List<String> sources, String destination) throws Exception {
        return SourceSelector.select(context, IgnorePatterns.parse("*.key\n"), sources, List.of(), false, destination,
                NO_DIRS);
    }

    @Test
    void aFileToADirectoryOrToANewName() throws Exception {
        assertEquals(List.of("/app/app.py"), destinations(select(List.of("app.py"), "/app/")));
        assertEquals(List.of("/app/main.py"), destinations(select(List.of("app.py"), "/app/main.py")));
        assertEquals(List.of("/opt/app.py"), destinations(SourceSelector.select(context, IgnorePatterns.none(),
                List.of("app.py"), List.of(), false, "/opt", "/opt"::equals)));
    }

    @Test
    void aDirectoryCopiesItsContents() throws Exception {
        CopySelection selection = select(List.of("src"), "/go/src/");
        assertEquals(List.of("/go/src/main.go", "/go/src/util", "/go/src/util/strings.go",
                "/go/src/util/strings_test.go"), destinations(selection));
        assertEquals(List.of("/go/src"), selection.destinations());
    }

    @Test
    void wildcardsAsGoFilepathMatch() throws Exception {
        assertEquals(List.of("/app/app.py", "/app/lib.py"), destinations(select(List.of("*.py"), "/app/")));
        assertEquals(List.of("/app/strings.go", "/app/strings_test.go"),
                destinations(select(List.of("src/*/strings*.go"), "/app/")));
        assertEquals(List.of(), destinations(select(List.of("*.rs"), "/app/")));
        assertEquals(List.of("/app/app.py"), destinations(select(List.of("[a-b]pp.py"), "/app/")));
    }

    @Test
    void missingAndIgnoredSourcesAreErrors() {
        SourceSelectionException missing = assertThrows(SourceSelectionException.class,
                () -> select(List.of("nope.txt"), "/app/"));
        assertEquals("nope.txt: not found", missing.getMessage());
        SourceSelectionException ignored = assertThrows(SourceSelectionException.class,
                () -> select(List.of("secret.key"), "/app/"));
        assertEquals("secret.key: not found (excluded by .dockerignore)", ignored.getMessage());
        assertThrows(SourceSelectionException.class, () -> select(List.of("app.py", "lib.py"), "/app"));
    }

    @Test
    void wholeContextHonoursIgnoreAndExcludes() throws Exception {
        CopySelection selection = SourceSelector.select(context, IgnorePatterns.parse("*.key\nsrc/util\n"),
                List.of("."), List.of("*.md"), false, "/app/", NO_DIRS);
        assertEquals(List.of("/app/app.py", "/app/lib.py", "/app/src", "/app/src/main.go"), destinations(selection));
    }

    @Test
    void parentsKeepThePathBelowThePivot() throws Exception {
        CopySelection all = SourceSelector.select(context, IgnorePatterns.none(), List.of("src/util/strings.go"),
                List.of(), true, "/app/", NO_DIRS);
        assertEquals(List.of("/app/src/util/strings.go"), destinations(all));
        CopySelection pivot = SourceSelector.select(context, IgnorePatterns.none(), List.of("src/./util/*.go"),
                List.of(), true, "/app/", NO_DIRS);
        assertEquals(List.of("/app/util/strings.go", "/app/util/strings_test.go"), destinations(pivot));
    }

    @Test
    void aSymlinkSourceIsFollowed() throws Exception {
        Files.createSymbolicLink(context.resolve("current"), Path.of("src"));
        assertEquals(List.of("/x/main.go", "/x/util", "/x/util/strings.go", "/x/util/strings_test.go"),
                destinations(select(List.of("current"), "/x/")));
    }

    @Test
    void checksumCoversContentAndModeButNotMtime() throws Exception {
        CopySelection selection = select(List.of("src"), "/go/src/");
        ContentChecksum first = ContentChecksum.of(context, selection);
        Files.setLastModifiedTime(context.resolve("src/main.go"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(first, ContentChecksum.of(context, select(List.of("src"), "/go/src/")));
        write("src/main.go", "package main // changed\n");
        ContentChecksum changed = ContentChecksum.of(context, select(List.of("src"), "/go/src/"));
        assertNotEquals(first.digest(), changed.digest());
        assertNotEquals(first.files().get("src/main.go"), changed.files().get("src/main.go"));
        assertEquals(first.files().get("src/util/strings.go"), changed.files().get("src/util/strings.go"));
        Files.setPosixFilePermissions(context.resolve("src/util/strings.go"), PosixFilePermissions.fromString("rwx------"));
        ContentChecksum mode = ContentChecksum.of(context, select(List.of("src"), "/go/src/"));
        assertNotEquals(changed.files().get("src/util/strings.go"), mode.files().get("src/util/strings.go"));
        assertTrue(Set.of("src/util", "src/main.go").stream().allMatch(mode.files()::containsKey));
    }

    @Test
    void absoluteSymlinksStayInsideTheRoot(@TempDir Path stage) throws Exception {
        Files.createDirectories(stage.resolve("usr/lib"));
        Files.writeString(stage.resolve("usr/lib/libc.so"), "libc");
        Files.createSymbolicLink(stage.resolve("lib"), Path.of("/usr/lib"));
        Files.createSymbolicLink(stage.resolve("escape"), Path.of("../../../../etc"));
        CopySelection selection = SourceSelector.select(stage, IgnorePatterns.none(), List.of("/lib/*.so"), List.of(),
                false, "/out/", NO_DIRS);
        assertEquals(List.of("usr/lib/libc.so"), selection.items().stream().map(item -> item.entry().path()).toList());
        SourceSelectionException outside = assertThrows(SourceSelectionException.class, () -> SourceSelector.select(
                stage, IgnorePatterns.none(), List.of("escape/passwd"), List.of(), false, "/out/", NO_DIRS));
        assertEquals("escape/passwd: not found", outside.getMessage());
    }
}
