package io.berth.cli.e2e;

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

    @BeforeEach
    void skipWhenContainersCannotRun() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
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
