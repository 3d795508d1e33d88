package io.berth.runtime.build.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextWalkerTest {
    @TempDir
    Path context;

    private void write(String path, String content) throws IOException {
        Path file = context.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void listsIncludedEntriesWithExceptionsAndSymlinks() throws IOException {
        write("Dockerfile", "FROM busybox\n");
        write("src/app.py", "print()\n");
        write("src/test_app.py", "\n");
        write("node_modules/x/index.js", "\n");
        write("docs/a.md", "\n");
        write("docs/README.md", "\n");
        Files.createSymbolicLink(context.resolve("link"), Path.of("src/app.py"));
        IgnorePatterns ignore = IgnorePatterns.parse("node_modules\n**/test_*\ndocs\n!docs/README.md\n");
        List<ContextEntry> entries = ContextWalker.walk(context, ignore);
        assertEquals(List.of("Dockerfile", "docs", "docs/README.md", "link", "src", "src/app.py"),
                entries.stream().map(ContextEntry::path).toList());
        ContextEntry link = entries.get(3);
        assertEquals(ContextEntry.Kind.SYMLINK, link.kind());
        assertEquals("src/app.py", link.linkTarget());
        assertEquals(8, entries.get(5).size());
    }

    @Test
    void dockerfileSpecificIgnoreFileWins(@TempDir Path elsewhere) throws IOException {
        write(".dockerignore", "a\n");
        Path dockerfile = elsewhere.resolve("app.Dockerfile");
        Files.writeString(dockerfile, "FROM busybox\n");
        assertEquals(List.of("a"), DockerIgnoreFiles.load(context, dockerfile).patterns());
        Files.writeString(elsewhere.resolve("app.Dockerfile.dockerignore"), "b\n");
        assertEquals(List.of("b"), DockerIgnoreFiles.load(context, dockerfile).patterns());
        assertEquals(List.of(), DockerIgnoreFiles.load(elsewhere, null).patterns());
    }
}
