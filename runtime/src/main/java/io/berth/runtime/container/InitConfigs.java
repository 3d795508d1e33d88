package io.berth.runtime.container;

import io.berth.runtime.init.InitConfig;
import io.berth.runtime.linux.Capabilities;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A launch request as the init stage reads it: Docker's defaults where the request leaves a value out. */
final class InitConfigs {
    private static final long DEFAULT_SHM_BYTES = 64L << 20;

    private InitConfigs() {
    }

    /** @param cgroup the container's cgroup under {@code cgroups}, which the stage joins */
    static InitConfig of(LaunchRequest request, Cgroups cgroups, String cgroup) {
        List<InitConfig.Mount> mounts = request.mounts() == null ? List.of() : CopiedFiles.asBinds(request).stream()
                .map(m -> new InitConfig.Mount(m.type(), m.source() == null ? null : m.source().toString(),
                        m.destination(), m.flags() == null ? List.of() : m.flags(), m.data()))
                .toList();
        List<InitConfig.Rlimit> rlimits = request.rlimits() == null ? List.of() : request.rlimits().stream()
                .map(r -> new InitConfig.Rlimit(r.name(), r.soft(), r.hard())).toList();
        return new InitConfig(request.rootfs().toString(), request.argv(), orEmpty(request.env()),
                request.workingDir() == null || request.workingDir().isEmpty() ? "/" : request.workingDir(),
                request.uid(), request.gid(), orEmpty(request.supplementaryGids()),
                request.hostname() == null ? "" : request.hostname(),
                request.domainname() == null ? "" : request.domainname(),
                request.netns() == null && request.shareNetnsOf() == null, mounts,
                request.capabilities() == null ? Capabilities.DOCKER_DEFAULTS : request.capabilities(),
                request.noNewPrivileges(), request.readOnlyRootfs(),
                request.sysctls() == null ? Map.of() : request.sysctls(), rlimits,
                request.shmSizeBytes() > 0 ? request.shmSizeBytes() : DEFAULT_SHM_BYTES,
                cgroups.procsFiles(cgroup).stream().map(Path::toString).toList(), cgroups.containerView(),
                request.init());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
