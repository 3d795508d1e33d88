package io.berth.runtime.container;

import io.berth.runtime.MountSpec;
import io.berth.runtime.linux.Mounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Secrets and configs served as copies ({@link MountSpec.Type#FILE}): at each start the launcher
 * mounts a small tmpfs beside the container's rootfs, writes every file there with its owner and
 * mode, and the init stage binds each one read-only at its target. Once the stage has set up its
 * root the host's mount of that tmpfs is detached: the binds in the container's mount namespace
 * keep it alive, so the copies live exactly as long as the container and nothing stays on the host.
 *
 * <p>In a {@link LaunchRequest} such a file is a mount of type {@value #TYPE}: source the host file
 * (or null), data its text when there is no source, flags "uid=N", "gid=N", "mode=OCTAL".
 */
public final class CopiedFiles {
    static final String TYPE = "file";
    private static final long SLACK_BYTES = 64 * 1024;

    private CopiedFiles() {
    }

    /** The launch mount of a FILE mount spec. */
    public static LaunchRequest.Mount launchMount(MountSpec mount) {
        var options = mount.options();
        List<String> flags = List.of("uid=" + options.getOrDefault("uid", "0"),
                "gid=" + options.getOrDefault("gid", "0"), "mode=" + options.getOrDefault("mode", "444"));
        return new LaunchRequest.Mount(TYPE, mount.source() == null ? null : Path.of(mount.source()), mount.target(),
                flags, mount.source() == null ? options.getOrDefault("content", "") : null);
    }

    static Path stagingDir(LaunchRequest request) {
        return request.rootfs().resolveSibling("files");
    }

    static boolean any(LaunchRequest request) {
        return request.mounts() != null && request.mounts().stream().anyMatch(m -> TYPE.equals(m.type()));
    }

    /** Mounts the tmpfs and writes the copies; nothing when the request has no file mounts. */
    static void stage(LaunchRequest request) {
        if (!any(request)) {
            return;
        }
        List<byte[]> contents = new ArrayList<>();
        long total = SLACK_BYTES;
        for (LaunchRequest.Mount mount : request.mounts()) {
            if (TYPE.equals(mount.type())) {
                byte[] content = content(mount);
                contents.add(content);
                total += content.length + 4096;
            }
        }
        Path staging = stagingDir(request);
        release(request); // a stale one of an earlier run
        try {
            Files.createDirectories(staging);
            Mounts.mount("tmpfs", staging.toString(), "tmpfs", Mounts.MS_NOSUID | Mounts.MS_NODEV,
                    "size=" + total + ",mode=0700");
            Mounts.mount(null, staging.toString(), null, Mounts.MS_PRIVATE, null);
            int index = 0;
            for (LaunchRequest.Mount mount : request.mounts()) {
                if (TYPE.equals(mount.type())) {
                    Path file = staging.resolve(Integer.toString(index));
                    Files.write(file, contents.get(index));
                    Files.setAttribute(file, "unix:uid", Integer.parseInt(flag(mount, "uid")));
                    Files.setAttribute(file, "unix:gid", Integer.parseInt(flag(mount, "gid")));
                    Files.setAttribute(file, "unix:mode", Integer.parseInt(flag(mount, "mode"), 8));
                    index++;
                }
            }
        } catch (IOException e) {
            release(request);
            throw new UncheckedIOException("write the secrets and configs of " + request.id().shortId() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            release(request);
            throw e;
        }
    }

    /** The init stage's mounts: file mounts become read-only binds of their copies, in order. */
    static List<LaunchRequest.Mount> asBinds(LaunchRequest request) {
        List<LaunchRequest.Mount> out = new ArrayList<>();
        int index = 0;
        for (LaunchRequest.Mount mount : request.mounts()) {
            if (TYPE.equals(mount.type())) {
                out.add(new LaunchRequest.Mount("bind", stagingDir(request).resolve(Integer.toString(index++)),
                        mount.destination(), List.of("bind", "ro", "nosuid", "nodev"), null));
            } else {
                out.add(mount);
            }
        }
        return out;
    }

    /** Detaches the host's mount of the tmpfs (the container keeps its binds) and removes the directory. */
    static void release(LaunchRequest request) {
        Path staging = stagingDir(request);
        if (!Files.isDirectory(staging)) {
            return;
        }
        while (Mounts.umountIfMounted(staging.toString(), Mounts.MNT_DETACH)) {
            // stacked mounts of crashed earlier runs
        }
        try {
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("remove " + staging + ": " + e.getMessage(), e);
        }
    }

    private static byte[] content(LaunchRequest.Mount mount) {
        if (mount.source() == null) {
            return mount.data() == null ? new byte[0] : mount.data().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Files.readAllBytes(mount.source());
        } catch (IOException e) {
            throw new UncheckedIOException("read " + mount.source() + " (for " + mount.destination() + "): "
                    + e.getMessage(), e);
        }
    }

    private static String flag(LaunchRequest.Mount mount, String name) {
        for (String flag : mount.flags()) {
            if (flag.startsWith(name + "=")) {
                return flag.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException("file mount " + mount.destination() + " lacks " + name);
    }
}
