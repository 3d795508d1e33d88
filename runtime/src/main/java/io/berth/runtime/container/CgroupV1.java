package io.berth.runtime.container;

import io.berth.runtime.container.LaunchRequest.CgroupLimits;
import io.berth.runtime.linux.ProcessCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** cgroup v1: the container's cgroup is a directory of the same name in every controller's hierarchy. */
final class CgroupV1 implements Cgroups {
    private final List<CgroupMounts.Mount> hierarchies;

    CgroupV1(List<CgroupMounts.Mount> hierarchies) {
        this.hierarchies = List.copyOf(hierarchies);
    }

    @Override
    public List<io.berth.runtime.init.InitConfig.CgroupFs> containerView() {
        List<io.berth.runtime.init.InitConfig.CgroupFs> view = new ArrayList<>();
        for (CgroupMounts.Mount hierarchy : hierarchies) {
            view.add(new io.berth.runtime.init.InitConfig.CgroupFs("cgroup", String.join(",", hierarchy.controllers()),
                    hierarchy.mountPoint().getFileName().toString()));
        }
        return view;
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public void create(String relative, CgroupLimits limits) {
        Cgroups.checkRelative(relative);
        CgroupFiles.retryWhileParentVanishes(() -> makeDirectories(relative));
        writeLimits(relative, limits == null ? CgroupLimits.NONE : limits);
    }

    private void makeDirectories(String relative) {
        for (CgroupMounts.Mount hierarchy : hierarchies) {
            Path directory = hierarchy.mountPoint();
            for (String level : relative.split("/")) {
                Path parent = directory;
                directory = directory.resolve(level);
                makeDirectory(directory);
                if (hierarchy.controllers().contains("cpuset")) {
                    inheritCpuset(parent, directory);
                }
            }
        }
    }

    /**
     * Docker's device rules: no device may be read or written except the standard character
     * devices (CAP_MKNOD may make nodes, but a node of the host's disk stays unusable).
     */
    private static final List<String> ALLOWED_DEVICES = List.of("c *:* m", "b *:* m", "c 1:3 rwm", "c 1:5 rwm",
            "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm", "c 5:0 rwm", "c 5:1 rwm", "c 5:2 rwm", "c 136:* rwm", "c 10:200 rwm");

    private void restrictDevices(String relative) {
        Optional<CgroupMounts.Mount> devices = hierarchy("devices");
        if (devices.isPresent()) {
            Path directory = devices.get().mountPoint().resolve(relative);
            CgroupFiles.write(directory.resolve("devices.deny"), "a");
            for (String rule : ALLOWED_DEVICES) {
                CgroupFiles.write(directory.resolve("devices.allow"), rule);
            }
        }
    }

    @Override
    public long oomKills(String relative) {
        Optional<CgroupMounts.Mount> memory = hierarchy("memory");
        if (memory.isEmpty()) {
            return 0;
        }
        Path file = memory.get().mountPoint().resolve(relative).resolve("memory.oom_control");
        return Files.exists(file) ? CgroupFiles.counter(CgroupFiles.read(file), "oom_kill") : 0;
    }

    private void writeLimits(String relative, CgroupLimits limits) {
        restrictDevices(relative);
        Optional<CgroupMounts.Mount> devices = hierarchy("devices");
        if (devices.isPresent()) {
            for (LaunchRequest.DeviceRule rule : limits.devices()) {
                CgroupFiles.write(devices.get().mountPoint().resolve(relative).resolve("devices.allow"),
                        rule.asAllowLine());
            }
        }
        if (limits.memoryBytes() != null) {
            CgroupFiles.write(file(relative, "memory", "memory.limit_in_bytes"), limits.memoryBytes().toString());
            Path swap = file(relative, "memory", "memory.memsw.limit_in_bytes");
            if (limits.memorySwapBytes() != null && Files.exists(swap)) {
                CgroupFiles.write(swap, limits.memorySwapBytes().toString());
            }
        }
        if (limits.memoryReservationBytes() != null) {
            CgroupFiles.write(file(relative, "memory", "memory.soft_limit_in_bytes"),
                    limits.memoryReservationBytes().toString());
        }
        if (limits.cpuQuotaMicros() != null) {
            long period = limits.cpuPeriodMicros() == null ? 100_000 : limits.cpuPeriodMicros();
            CgroupFiles.write(file(relative, "cpu", "cpu.cfs_period_us"), Long.toString(period));
            CgroupFiles.write(file(relative, "cpu", "cpu.cfs_quota_us"), limits.cpuQuotaMicros().toString());
        }
        if (limits.cpuShares() != null) {
            CgroupFiles.write(file(relative, "cpu", "cpu.shares"), limits.cpuShares().toString());
        }
        if (limits.cpusetCpus() != null) {
            CgroupFiles.write(file(relative, "cpuset", "cpuset.cpus"), limits.cpusetCpus());
        }
        if (limits.pidsLimit() != null) {
            CgroupFiles.write(file(relative, "pids", "pids.max"),
                    CgroupFiles.pidsMax(limits.pidsLimit()));
        }
    }

    @Override
    public boolean exists(String relative) {
        return Files.isDirectory(primaryPath(relative));
    }

    @Override
    public Path primaryPath(String relative) {
        Cgroups.checkRelative(relative);
        return hierarchy("pids").orElse(hierarchies.get(0)).mountPoint().resolve(relative);
    }

    @Override
    public Optional<Path> controllerDirectory(String relative, String controller) {
        Cgroups.checkRelative(relative);
        return hierarchy(controller).map(h -> h.mountPoint().resolve(relative));
    }

    @Override
    public List<Path> procsFiles(String relative) {
        Cgroups.checkRelative(relative);
        List<Path> files = new ArrayList<>();
        for (CgroupMounts.Mount hierarchy : hierarchies) {
            files.add(hierarchy.mountPoint().resolve(relative).resolve("cgroup.procs"));
        }
        return files;
    }

    @Override
    public List<Long> processes(String relative) {
        return CgroupFiles.pids(primaryPath(relative).resolve("cgroup.procs"));
    }

    @Override
    public void killAll(String relative) {
        long self = ProcessHandle.current().pid();
        if (processes(relative).contains(self)) {
            throw new IllegalStateException("refusing to kill cgroup " + relative + ": this process is in it");
        }
        Optional<Path> freezer = hierarchy("freezer").map(h -> h.mountPoint().resolve(relative));
        boolean frozen = freezer.isPresent() && Files.isDirectory(freezer.get()) && freeze(freezer.get());
        try {
            for (int round = 0; round < 20; round++) {
                List<Long> pids = processes(relative);
                pids.remove(self);
                if (pids.isEmpty()) {
                    return;
                }
                pids.forEach(pid -> ProcessCalls.killIfAlive(pid, ProcessCalls.SIGKILL));
                if (frozen) {
                    return; // killed while frozen: none could fork; they die once thawed
                }
                CgroupFiles.sleep(Duration.ofMillis(5));
            }
        } finally {
            if (frozen) {
                CgroupFiles.write(freezer.get().resolve("freezer.state"), "THAWED");
            }
        }
    }

    @Override
    public void setFrozen(String relative, boolean frozen) {
        Cgroups.checkRelative(relative);
        Path freezer = hierarchy("freezer").map(h -> h.mountPoint().resolve(relative))
                .filter(Files::isDirectory)
                .orElseThrow(() -> new IllegalStateException("the freezer cgroup controller is not mounted"
                        + " (or has no cgroup " + relative + "): cannot pause"));
        if (!frozen) {
            CgroupFiles.write(freezer.resolve("freezer.state"), "THAWED");
        } else if (!freeze(freezer)) {
            throw new IllegalStateException("cgroup " + relative + " did not freeze within a second; left thawed");
        }
    }

    /** FROZEN and confirmed within a second; false when the freezer would not settle. */
    private static boolean freeze(Path freezer) {
        Path state = freezer.resolve("freezer.state");
        CgroupFiles.write(state, "FROZEN");
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < deadline) {
            if (CgroupFiles.read(state).equals("FROZEN")) {
                return true;
            }
            CgroupFiles.sleep(Duration.ofMillis(2));
        }
        CgroupFiles.write(state, "THAWED");
        return false;
    }

    @Override
    public void remove(String relative, Duration timeout) {
        Cgroups.checkRelative(relative);
        if (exists(relative)) {
            killAll(relative);
        }
        for (CgroupMounts.Mount hierarchy : hierarchies) {
            Path directory = hierarchy.mountPoint().resolve(relative);
            CgroupFiles.removeDirectory(directory, timeout, () -> killAll(relative));
            removeIfEmpty(directory.getParent(), hierarchy.mountPoint());
        }
    }

    static void removeIfEmpty(Path directory, Path mountPoint) {
        if (directory != null && !directory.equals(mountPoint) && directory.startsWith(mountPoint)) {
            try {
                Files.delete(directory);
            } catch (IOException busyOrInUse) {
                // another container's cgroup lives there, or it is gone already
            }
        }
    }

    private Optional<CgroupMounts.Mount> hierarchy(String controller) {
        return hierarchies.stream().filter(h -> h.controllers().contains(controller)).findFirst();
    }

    private Path file(String relative, String controller, String name) {
        CgroupMounts.Mount hierarchy = hierarchy(controller).orElseThrow(() -> new UnsupportedOperationException(
                "cgroup v1 controller " + controller + " is not mounted: cannot set " + name));
        return hierarchy.mountPoint().resolve(relative).resolve(name);
    }

    static void makeDirectory(Path directory) {
        try {
            Files.createDirectory(directory);
        } catch (java.nio.file.FileAlreadyExistsException exists) {
            // a parent shared with other containers
        } catch (IOException e) {
            throw new UncheckedIOException("create cgroup " + directory + ": " + e.getMessage(), e);
        }
    }

    /** A new cpuset cgroup starts with no CPUs and no memory nodes: processes could not join it. */
    private static void inheritCpuset(Path parent, Path directory) {
        for (String name : List.of("cpuset.cpus", "cpuset.mems")) {
            Path file = directory.resolve(name);
            if (CgroupFiles.read(file).isEmpty()) {
                CgroupFiles.write(file, CgroupFiles.read(parent.resolve(name)));
            }
        }
    }
}
