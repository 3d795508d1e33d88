package io.berth.runtime.copy;

import io.berth.runtime.container.LaunchRequest;
import io.berth.runtime.container.OverlayMount;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.Mounts;
import io.berth.runtime.linux.Namespaces;
import io.berth.runtime.linux.SecureJoin;
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
 * Its volumes and bound directories are mounted in it too, at their targets.
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
            mountVolumes(fd, launch);
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

    /**
     * The container's volumes and bind-mounted directories at their places, as they are while it
     * runs (Docker's cp sees them too): each target resolved inside the root, made if missing.
     * Bound files (its hosts file, devices) are left out.
     */
    private static void mountVolumes(int rootFd, LaunchRequest launch) {
        for (LaunchRequest.Mount mount : launch.mounts() == null ? java.util.List.<LaunchRequest.Mount>of() : launch.mounts()) {
            if (!"bind".equals(mount.type()) || mount.source() == null
                    || !Files.isDirectory(mount.source(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            int target = SecureJoin.open(rootFd, mount.destination(), SecureJoin.Create.DIRECTORY);
            try {
                String at = SecureJoin.procPath(target);
                Mounts.mount(mount.source().toString(), at, null, Mounts.MS_BIND | Mounts.MS_REC, null, mount.destination());
                if (mount.flags().contains("ro")) {
                    Mounts.mount(null, at, null, Mounts.MS_BIND | Mounts.MS_REMOUNT | Mounts.MS_RDONLY, null,
                            mount.destination());
                }
            } finally {
                FdCalls.closeQuietly(target);
            }
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
