package io.berth.runtime.container;

import com.sun.jna.Native;
import io.berth.runtime.init.ContainerInit;
import io.berth.runtime.init.InitLogManager;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of the init stage's JVM: this JVM's java, a class path of just the runtime's
 * classes and JNA (found from their code sources), and flags for a fast start (class-data
 * sharing, interpreter only, serial GC, a small heap, no perf-data file, no signal handlers of its
 * own). Measured in docs/init-stage.md: the stage runs little code once, so a JIT compiler thread
 * costs more CPU than it saves; and an empty jna.platform.library.path stops JNA from running
 * {@code ldconfig -p} (a child process) to find libraries: the stage only uses the C library,
 * which JNA takes from the process itself.
 */
final class InitStageCommand {
    private InitStageCommand() {
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static List<String> argv() {
        List<String> flags = new ArrayList<>(List.of(
                "-Xint", "-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-Xss512k",
                "-XX:-UsePerfData", "-XX:+DisableAttachMechanism", "-Xrs", "-Xlog:disable", "-XX:-PrintWarnings",
                "-Dfile.encoding=UTF-8", "-Dsun.jnu.encoding=UTF-8", "-Djna.encoding=UTF-8",
                "-Djna.platform.library.path=",
                "-Djava.util.logging.manager=" + InitLogManager.class.getName(),
                // map the CDS archive where it was dumped: relocating it (this JDK's default) touches
                // every page of it, about 9 ms of CPU per start; the stage execs away within a second
                "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"));
        String jnaLibraryDir = JnaNativeLibrary.directory();
        if (jnaLibraryDir != null) {
            flags.add("-Djna.boot.library.path=" + jnaLibraryDir); // JNA still unpacks its own if it is gone
        }
        String classPath = classPath();
        Path archive = InitStageArchive.archiveFor(classPath, flags, jnaLibraryDir == null ? null : Path.of(jnaLibraryDir));
        List<String> argv = new ArrayList<>();
        argv.add(javaExecutable());
        argv.add(archive == null ? "-Xshare:auto" : "-XX:SharedArchiveFile=" + archive);
        argv.addAll(flags);
        argv.add("-cp");
        argv.add(classPath);
        argv.add(ContainerInit.class.getName());
        return argv;
    }

    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(ContainerInit.class, Native.class)) {
            entries.add(locationOf(type));
        }
        return String.join(":", entries);
    }

    private static String locationOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot find where " + type.getName() + " was loaded from");
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("odd code source of " + type.getName() + ": " + source.getLocation(), e);
        }
    }
}
