package io.berth.cli.e2e;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * What the end-to-end tests on the real runtime share: a fixture (state root, busybox:local,
 * supervisor) per test class, every test skipped with the reason when this machine cannot run
 * a container, and everything removed after the class.
 */
@Tag("root")
abstract class RealRuntimeTest {
    static E2eFixture fixture;
    private static String skipReason;

    @BeforeAll
    static void startSupervisor() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "containers need root");
        fixture = new E2eFixture(List.of());
        skipReason = fixture.whyContainersCannotRun();
    }

    /**
     * Whether a container starts here, for a subclass's own {@code @BeforeAll} (run after this
     * class's; name it otherwise, or it hides this one).
     */
    static boolean containersCanRun() {
        return fixture != null && skipReason == null;
    }

    @BeforeEach
    void skipWhenContainersCannotRun() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    /** What {@code berth exec -T service command...} printed; it must succeed. */
    static String execOut(Path project, String service, String... command) throws Exception {
        String[] args = new String[command.length + 3];
        args[0] = "exec";
        args[1] = "-T";
        args[2] = service;
        System.arraycopy(command, 0, args, 3, command.length);
        return fixture.berth(project, args).ok().out();
    }

    @AfterAll
    static void stopSupervisor() throws Exception {
        if (fixture != null) {
            fixture.close();
            fixture = null;
        }
        skipReason = null;
    }
}
