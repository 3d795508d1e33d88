package io.berth.runtime.supervisor;

import io.berth.runtime.HostRuntime;
import io.berth.runtime.ImageReference;
import io.berth.testfixtures.BusyboxImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * What the supervisor's kernel tests share: per test class, a supervisor with the real launcher,
 * image store, networks and volumes on a state root of its own, busybox loaded (skipped unless
 * root), and everything removed after the class.
 */
@Tag("root")
abstract class KernelSupervisorTest {
    static final ImageReference BUSYBOX = ImageReference.parse(BusyboxImage.NAME);
    static SupervisorFixture fixture;
    static HostRuntime runtime;

    @BeforeAll
    static void startKernelSupervisor() throws Exception {
        fixture = SupervisorFixture.kernelWithBusybox();
        runtime = fixture.connect();
    }

    @AfterAll
    static void stopKernelSupervisor() throws Exception {
        // the fields are shared by every subclass: reset, so that a skipped class never closes another's
        if (fixture != null) {
            fixture.close();
            fixture = null;
        }
        runtime = null;
    }
}
