package io.berth.runtime.container;

import io.berth.runtime.init.InitStage;
import io.berth.runtime.linux.FdCalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The init stage's executable ({@code berth-init}, a static C program in runtime.jar), copied once
 * per JVM into a sealed memfd that every launch spawns as /proc/self/fd/N (the memfd placed at
 * {@link InitStage#EXECUTABLE_FD} in the child). Chosen over a file unpacked into a directory
 * shared by launches: nothing on disk that a temp cleaner could delete or another user could plant
 * or replace (so no ownership checks), and the seals make the copy immutable while it runs, as
 * runc does with its own binary against a container rewriting it. It costs the binary's size
 * (about 0.7 MB) of memory per JVM; the stage closes the descriptor before its execve.
 */
final class InitStageExecutable {
    private static int memfd = -1;

    private InitStageExecutable() {
    }

    /** The memfd holding berth-init (close-on-exec in this JVM), made on first use. */
    static synchronized int memfd() {
        if (memfd < 0) {
            memfd = FdCalls.sealedMemfdWith("berth-init", load());
        }
        return memfd;
    }

    private static byte[] load() {
        try (InputStream in = InitStageExecutable.class.getResourceAsStream(InitStage.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the container init stage " + InitStage.RESOURCE
                        + " is missing from the runtime's classes: build it with mvn package (needs cc)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("read the container init stage " + InitStage.RESOURCE, e);
        }
    }
}
