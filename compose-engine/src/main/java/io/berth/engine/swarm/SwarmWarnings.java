package io.berth.engine.swarm;

import io.berth.model.Service;

/** The service keys with no Swarm meaning, each a warning naming the service and the key, as docker stack ignores them. */
final class SwarmWarnings {
    private SwarmWarnings() {
    }

    static void warn(Service service, StackContext context) {
        String name = service.name();
        check(context, name, "depends_on", !service.dependsOn().isEmpty(), "tasks start in any order on a swarm");
        check(context, name, "build", service.build() != null, "a swarm does not build: build and push " + context.image(service));
        check(context, name, "links", !service.links().isEmpty(), "every service name resolves on its networks");
        check(context, name, "external_links", !service.externalLinks().isEmpty(), "not supported on a swarm");
        check(context, name, "network_mode", service.networkMode() != null, "not supported on a swarm");
        check(context, name, "container_name", service.containerName() != null, "tasks are named by the swarm");
        check(context, name, "volumes_from", !service.volumesFrom().isEmpty(), "not supported on a swarm");
        check(context, name, "ipc", service.ipc() != null, "not supported on a swarm");
        check(context, name, "pid", service.pid() != null, "not supported on a swarm");
        check(context, name, "devices", !service.devices().isEmpty(), "not supported on a swarm");
        check(context, name, "privileged", service.privileged(), "not supported on a swarm");
        check(context, name, "security_opt", !service.securityOpt().isEmpty(), "not supported on a swarm");
        check(context, name, "cgroup_parent", service.cgroupParent() != null, "not supported on a swarm");
        check(context, name, "userns_mode", service.usernsMode() != null, "not supported on a swarm");
        check(context, name, "mac_address", service.macAddress() != null, "not supported on a swarm");
        check(context, name, "oom_score_adj", service.oomScoreAdj() != null, "not supported on a swarm");
        check(context, name, "cpu_shares", service.cpuShares() != null, "use deploy.resources.reservations.cpus");
        check(context, name, "cpuset", service.cpuset() != null, "not supported on a swarm");
        check(context, name, "shm_size", service.shmSize() != null, "not supported on a swarm");
        check(context, name, "domainname", service.domainname() != null, "not supported on a swarm");
        check(context, name, "memswap_limit", service.memswapLimit() != null, "not supported on a swarm");
        check(context, name, "platform", service.platform() != null, "use deploy.placement.constraints (node.platform.arch)");
        check(context, name, "pull_policy", service.pullPolicy() != null, "see --resolve-image");
        check(context, name, "expose", !service.expose().isEmpty(), "every port is reachable on the stack's networks");
        service.networks().forEach((network, attachment) -> check(context, name, "networks." + network,
                attachment != null && (attachment.ipv4Address() != null || attachment.ipv6Address() != null),
                "fixed addresses are not supported on a swarm"));
    }

    private static void check(StackContext context, String service, String key, boolean set, String why) {
        if (set) {
            context.warn(service, key, "ignored by a swarm (" + why + ")");
        }
    }
}
