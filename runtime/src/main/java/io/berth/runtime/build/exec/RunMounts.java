package io.berth.runtime.build.exec;

import io.berth.runtime.container.LaunchRequest;
import java.util.List;

/** RUN --mount=... as the launcher's mounts. */
final class RunMounts {
    static final List<String> ALL_CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH",
            "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
            "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
            "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO",
            "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",
            "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE",
            "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ");

    private RunMounts() {
    }

    static LaunchRequest.Mount toLaunchMount(RunSpec.RunMount mount) {
        if (mount instanceof RunSpec.RunMount.Cache cache) {
            return new LaunchRequest.Mount("bind", cache.dir(), cache.target(),
                    cache.readOnly() ? List.of("ro") : List.of(), null);
        }
        if (mount instanceof RunSpec.RunMount.Tmpfs tmpfs) {
            return new LaunchRequest.Mount("tmpfs", null, tmpfs.target(), List.of("nosuid", "nodev"),
                    tmpfs.sizeBytes().map(size -> "size=" + size).orElse(null));
        }
        if (mount instanceof RunSpec.RunMount.Bind bind) {
            return new LaunchRequest.Mount("bind", bind.source(), bind.target(), bind.readOnly() ? List.of("ro") : List.of(),
                    null);
        }
        RunSpec.RunMount.Secret secret = (RunSpec.RunMount.Secret) mount;
        return new LaunchRequest.Mount("bind", secret.source(), secret.target(),
                List.of("ro", "nosuid", "nodev", "noexec"), null);
    }
}
