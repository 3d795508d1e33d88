package io.berth.runtime.container;

import io.berth.runtime.container.LaunchRequest.CgroupLimits;
import io.berth.runtime.linux.ProcessCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** cgroup v2: one directory per container in the unified hierarchy; cgroup.kill when the kernel has it. */
final class CgroupV2 implements Cgroups {
    private static final List<String> WANTED = List.of("cpu", "cpuset", "memory", "pids", "io");
    private final Path root;

    CgroupV2(Path root) {
        this.root = root;
    }

    @Override
    public List<io.berth.runtime.init.InitConfig.CgroupFs> containerView() {
        return List.of(new io.berth.runtime.init.InitConfig.CgroupFs("cgroup2", "", ""));
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public void create(String relative, CgroupLimits limits) {
        Cgroups.checkRelative(relative);
        CgroupFiles.retryWhileParentVanishes(() -> {
            Path directory = root;
            for (String level : relative.split("/")) {
                enableControllers(directory);
                directory = directory.resolve(level);
                CgroupV1.makeDirectory(directory);
            }
        });
        // no devices controller on v2: Docker's device rules as an eBPF filter on the cgroup
        List<io.berth.runtime.linux.DeviceFilter.Rule> rules = (limits == null ? CgroupLimits.NONE : limits).devices()
                .stream().map(rule -> new io.berth.runtime.linux.DeviceFilter.Rule(rule.type(), rule.major(),
                        rule.minor(), rule.access())).toList();
        io.berth.runtime.linux.DeviceFilter.attach(root.resolve(relative).toString(),
                io.berth.runtime.linux.DeviceFilter.DOCKER_DEFAULTS, rules);
        writeLimits(root.resolve(relative), limits == null ? CgroupLimits.NONE : limits);
    }

    /** Delegates to the children what the parent has (the root exempt from "no internal processes"). */
    private static void enableControllers(Path parent) {
        Set<String> available = Set.of(CgroupFiles.read(parent.resolve("cgroup.controllers")).split(" "));
        Set<String> enabled = Set.of(CgroupFiles.read(parent.resolve("cgroup.subtree_control")).split(" "));
        for (String controller : WANTED) {
            if (available.contains(controller) && !enabled.contains(controller)) {
                CgroupFiles.write(parent.resolve("cgroup.subtree_control"), "+" + controller);
            }
        }
    }

    private static void writeLimits(Path directory, CgroupLimits limits) {
        if (limits.memoryBytes() != null) {
            write(directory, "memory.max", limits.memoryBytes().toString());
            Long total = limits.memorySwapBytes();
            if (total != null) {
                write(directory, "memory.swap.max", total < 0 ? "max" : Long.toString(Math.max(0, total - limits.memoryBytes())));
            }
        }
        if (limits.memoryReservationBytes() != null) {
            write(directory, "memory.low", limits.memoryReservationBytes().toString());
        }
        if (limits.cpuQuotaMicros() != null) {
            long period = limits.cpuPeriodMicros() == null ? 100_000 : limits.cpuPeriodMicros();
            write(directory, "cpu.max", (limits.cpuQuotaMicros() <= 0 ? "max" : limits.cpuQuotaMicros()) + " " + period);
        }
        if (limits.cpuShares() != null) {
            // the conversion runc and crun use: shares 2..262144 onto weight 1..10000
            long weight = 1 + ((Math.max(2, limits.cpuShares()) - 2) * 9999) / 262142;
            write(directory, "cpu.weight", Long.toString(weight));
        }
        if (limits.cpusetCpus() != null) {
            write(directory, "cpuset.cpus", limits.cpusetCpus());
        }
        if (limits.pidsLimit() != null) {
            write(directory, "pids.max", CgroupFiles.pidsMax(limits.pidsLimit()));
        }
    }

    private static void write(Path directory, String name, String value) {
        Path file = directory.resolve(name);
        if (!Files.exists(file)) {
            throw new UnsupportedOperationException("cgroup v2 at " + directory + " has no " + name
                    + ": its controller is not enabled for this hierarchy");
        }
        CgroupFiles.write(file, value);
    }

    @Override
    public long oomKills(String relative) {
        Path file = primaryPath(relative).resolve("memory.events");
        return Files.exists(file) ? CgroupFiles.counter(CgroupFiles.read(file), "oom_kill") : 0;
    }

    @Override
    public boolean exists(String relative) {
        return Files.isDirectory(primaryPath(relative));
    }

    @Override
    public Path primaryPath(String relative) {
        Cgroups.checkRelative(relative);
        return root.resolve(relative);
    }

    @Override
    public java.util.Optional<Path> controllerDirectory(String relative, String controller) {
        return java.util.Optional.of(primaryPath(relative));
    }

    @Override
    public List<Path> procsFiles(String relative) {
        return List.of(primaryPath(relative).resolve("cgroup.procs"));
    }

    @Override
    public List<Long> processes(String relative) {
        return CgroupFiles.pids(primaryPath(relative).resolve("cgroup.procs"));
    }

    @Override
    public void killAll(String relative) {
        Path directory = primaryPath(relative);
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Long> pids = processes(relative);
        if (pids.isEmpty()) {
            return;
        }
        if (pids.contains(ProcessHandle.current().pid())) {
            throw new IllegalStateException("refusing to kill cgroup " + directory + ": this process is in it");
        }
        Path kill = directory.resolve("cgroup.kill");
        if (Files.exists(kill)) {
            CgroupFiles.write(kill, "1");
            return;
        }
        Path freeze = directory.resolve("cgroup.freeze");
        CgroupFiles.write(freeze, "1");
        try {
            processes(relative).forEach(pid -> ProcessCalls.killIfAlive(pid, ProcessCalls.SIGKILL));
        } finally {
            CgroupFiles.write(freeze, "0");
        }
    }

    /** cgroup.freeze, then cgroup.events' "frozen 1" within a second (untested here: this host runs v1). */
    @Override
    public void setFrozen(String relative, boolean frozen) {
        Path directory = primaryPath(relative);
        CgroupFiles.write(directory.resolve("cgroup.freeze"), frozen ? "1" : "0");
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        String wanted = "frozen " + (frozen ? "1" : "0");
        while (!CgroupFiles.read(directory.resolve("cgroup.events")).lines().anyMatch(wanted::equals)) {
            if (System.nanoTime() > deadline) {
                if (frozen) {
                    CgroupFiles.write(directory.resolve("cgroup.freeze"), "0");
                }
                throw new IllegalStateException("cgroup " + relative + " did not " + (frozen ? "freeze" : "thaw")
                        + " within a second");
            }
            CgroupFiles.sleep(Duration.ofMillis(2));
        }
    }

    @Override
    public void remove(String relative, Duration timeout) {
        Path directory = primaryPath(relative);
        if (Files.isDirectory(directory)) {
            killAll(relative);
            CgroupFiles.removeDirectory(directory, timeout, () -> killAll(relative));
        }
        CgroupV1.removeIfEmpty(directory.getParent(), root);
    }
}
