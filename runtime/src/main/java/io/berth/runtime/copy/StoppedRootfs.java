package io.berth.runtime.copy;

import io.berth.runtime.container.LaunchRequest;
import io.berth.runtime.container.OverlayMount;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.Mounts;
import io.berth.runtime.linux.Namespaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

/**
 * The root of a container that does not run: its overlay mounted in a mount namespace of its own,
 * made by a throwaway thread that lives as long as the copy. The host never sees the mount, so a
 * crash mid-copy leaves nothing mounted; the descriptor of its root is valid from every thread.
 * The container's volumes are not mounted in it (they are, through /proc/PID/root, while it runs).
 */
final class StoppedRootfs implements RootDirectory {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final CompletableFuture<Integer> rootFd = new CompletableFuture<>();
    private final Thread thread;
    private final String shown;

    private StoppedRootfs(LaunchRequest launch, String containerName) {
        this.shown = "container " + containerName;
        thread = new Thread(() -> holdMounted(launch), "berth-cp-rootfs");
        thread.setDaemon(true);
    }

    static StoppedRootfs mount(LaunchRequest launch, String containerName) {
        StoppedRootfs rootfs = new StoppedRootfs(launch, containerName);
        rootfs.thread.start();
        try {
            rootfs.rootFd.get();
        } catch (ExecutionException e) {
            rootfs.close();
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("mount the root of " + containerName + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            rootfs.close();
            throw new IllegalStateException("interrupted while mounting the root of " + containerName, e);
        }
        return rootfs;
    }

    private void holdMounted(LaunchRequest launch) {
        int fd = -1;
        try {
            Namespaces.unshare(Namespaces.CLONE_NEWNS);
            // Nothing mounted here may propagate to the host's namespace.
            Mounts.mount(null, "/", null, Mounts.MS_REC | Mounts.MS_PRIVATE, null);
            for (Path directory : new Path[] {launch.rootfs(), launch.upperDir(), launch.workDir()}) {
                Files.createDirectories(directory);
            }
            OverlayMount.mount(launch.rootfs(), launch.lowerDirs(), launch.upperDir(), launch.workDir());
            fd = FdCalls.open(launch.rootfs().toString(), FdCalls.O_PATH | FdCalls.O_DIRECTORY, 0);
            rootFd.complete(fd);
            finished.await();
        } catch (IOException e) {
            rootFd.completeExceptionally(new UncheckedIOException("create " + e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            rootFd.completeExceptionally(e);
        }
    }

    @Override
    public int fd() {
        return rootFd.join();
    }

    @Override
    public String shown() {
        return shown;
    }

    @Override
    public void close() {
        if (rootFd.isDone() && !rootFd.isCompletedExceptionally()) {
            FdCalls.closeQuietly(rootFd.join());
        }
        finished.countDown();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
