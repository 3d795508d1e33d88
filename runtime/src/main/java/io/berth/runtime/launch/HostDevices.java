package io.berth.runtime.launch;

import io.berth.runtime.ContainerSpec;
import io.berth.runtime.DeviceCgroupRule;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.container.LaunchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code devices:}: each host device as its node in the container (a bind of the host's node, not
 * recursive: the same device, owner and mode as Docker's mknod copy gets) and a device cgroup rule
 * with the permissions asked for.
 */
final class HostDevices {
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    /** The node's mount and the cgroup rule of one device. */
    record Resolved(LaunchRequest.Mount node, LaunchRequest.DeviceRule rule) {
    }

    private HostDevices() {
    }

    /** The cgroup rules of the devices, then those of {@code device_cgroup_rules} (checked: INVALID when malformed). */
    static List<LaunchRequest.DeviceRule> rules(List<Resolved> devices, List<String> deviceCgroupRules) {
        List<LaunchRequest.DeviceRule> rules = new ArrayList<>();
        devices.forEach(device -> rules.add(device.rule()));
        for (String text : deviceCgroupRules) {
            DeviceCgroupRule rule;
            try {
                rule = DeviceCgroupRule.parse(text);
            } catch (IllegalArgumentException e) {
                throw new RuntimeOperationException(Kind.INVALID, "device_cgroup_rules: " + e.getMessage());
            }
            rules.add(new LaunchRequest.DeviceRule(rule.type(), rule.major(), rule.minor(), rule.access()));
        }
        return rules;
    }

    static List<Resolved> resolve(List<ContainerSpec.Device> devices) {
        List<Resolved> resolved = new ArrayList<>();
        for (ContainerSpec.Device device : devices) {
            Path host = Path.of(device.hostPath());
            int mode;
            long rdev;
            try {
                mode = (Integer) Files.getAttribute(host, "unix:mode");
                rdev = (Long) Files.getAttribute(host, "unix:rdev");
            } catch (java.nio.file.NoSuchFileException e) {
                throw new RuntimeOperationException(Kind.INVALID, "devices: " + device.hostPath()
                        + ": no such file or directory on this host");
            } catch (IOException | RuntimeException e) {
                throw new RuntimeOperationException(Kind.INVALID, "devices: " + device.hostPath()
                        + ": no such device on this host (" + e.getMessage() + ")");
            }
            char type = (mode & S_IFMT) == S_IFCHR ? 'c' : (mode & S_IFMT) == S_IFBLK ? 'b' : '?';
            if (type == '?') {
                throw new RuntimeOperationException(Kind.INVALID, "devices: " + device.hostPath()
                        + " is not a device node");
            }
            int major = (int) (((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL));
            int minor = (int) ((rdev & 0xff) | ((rdev >> 12) & ~0xffL));
            resolved.add(new Resolved(new LaunchRequest.Mount("bind", host, device.containerPath(), List.of("bind"), null),
                    new LaunchRequest.DeviceRule(type, major, minor, device.permissions())));
        }
        return resolved;
    }
}
