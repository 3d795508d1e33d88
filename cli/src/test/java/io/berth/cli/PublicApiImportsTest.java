package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI (and the engine) use only the public packages of the other modules
 * (docs/runtime-layout.md): a scan of their sources for every {@code io.berth.} name outside
 * their own packages, in imports and written out in full. A name in an internal package (runtime.linux, engine.execute, ...) fails it;
 * give the CLI a front in the public package instead.
 */
class PublicApiImportsTest {
    /**
     * The public packages: one per module, and the public packages of the engines beside the local one
     * (Kubernetes, swarm) and of the image builder; everything else in those modules is internal.
     */
    static final Set<String> PUBLIC_PACKAGES = Set.of("io.berth.model", "io.berth.engine", "io.berth.runtime",
            "io.berth.engine.kubernetes", "io.berth.engine.swarm", "io.berth.runtime.build");

    /** A qualified name: packages in lower case, then the first upper-case segment (the class). */
    private static final Pattern QUALIFIED = Pattern.compile("\\bio\\.berth\\.((?:[a-z][a-z0-9_]*\\.)*)([A-Z]\\w*)");

    @Test
    void cliSourcesNameOnlyPublicPackagesOfOtherModules() throws IOException {
        assertEquals(List.of(), internalNamesIn(Path.of("src/main/java/io/berth/cli"), "io.berth.cli"),
                "the CLI names internal classes of other modules");
    }

    /** The engine too reaches the runtime and the model only through their public packages. */
    @Test
    void engineSourcesNameOnlyPublicPackagesOfRuntimeAndModel() throws IOException {
        assertEquals(List.of(), internalNamesIn(Path.of("../compose-engine/src/main/java/io/berth/engine"), "io.berth.engine"),
                "the engine names internal classes of the runtime or the model");
    }

    private static List<String> internalNamesIn(Path sources, String ownPackage) throws IOException {
        assertTrue(Files.isDirectory(sources), "run from the cli module: " + sources.toAbsolutePath());
        List<String> internal = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int index = 0; index < lines.size(); index++) {
                    for (String name : internalNames(lines.get(index), ownPackage)) {
                        internal.add(file + ":" + (index + 1) + ": " + name);
                    }
                }
            }
        }
        return internal;
    }

    @Test
    void theScanSeesImportsAndNamesWrittenInFull() {
        assertEquals(List.of("io.berth.runtime.linux.FdCalls"), internalNames("import io.berth.runtime.linux.FdCalls;"));
        assertEquals(List.of("io.berth.engine.execute.Lifecycle"),
                internalNames("var x = io.berth.engine.execute.Lifecycle.of(y);"));
        assertEquals(List.of("io.berth.model.load.Values"),
                internalNames("import static io.berth.model.load.Values.text;"));
        assertEquals(List.of(), internalNames("import io.berth.runtime.ContainerRuntime;"));
        assertEquals(List.of(), internalNames("import io.berth.engine.ComposeEngine.Something;"));
        assertEquals(List.of(), internalNames("import io.berth.cli.compose.LogPrinter;"));
    }

    static List<String> internalNames(String line) {
        return internalNames(line, "io.berth.cli");
    }

    static List<String> internalNames(String line, String ownPackage) {
        List<String> names = new ArrayList<>();
        Matcher matcher = QUALIFIED.matcher(line);
        while (matcher.find()) {
            String packageName = ("io.berth." + matcher.group(1)).replaceAll("\\.$", "");
            boolean own = packageName.equals(ownPackage) || packageName.startsWith(ownPackage + ".");
            if (!own && !PUBLIC_PACKAGES.contains(packageName)) {
                names.add(packageName + "." + matcher.group(2));
            }
        }
        return names;
    }
}
