package io.berth.engine.kubernetes;

import io.berth.model.DeployConfig;
import io.berth.model.Service;

/** The service keys with no Kubernetes meaning: each set one is a warning naming the service and the key. */
final class UnmappedKeys {
    private UnmappedKeys() {
    }

    static void warn(Service service, Warnings warnings) {
        String name = service.name();
        unmapped(warnings, name, "network_mode", service.networkMode(), "pods have their own network");
        unmapped(warnings, name, "links", !service.links().isEmpty(), "every Service name resolves in the namespace");
        unmapped(warnings, name, "external_links", !service.externalLinks().isEmpty(), "not converted");
        unmapped(warnings, name, "container_name", service.containerName(), "pods are named by their workload");
        unmapped(warnings, name, "volumes_from", !service.volumesFrom().isEmpty(), "pods do not share volumes that way");
        unmapped(warnings, name, "ipc", service.ipc(), "not converted");
        unmapped(warnings, name, "pid", service.pid(), "not converted");
        unmapped(warnings, name, "devices", !service.devices().isEmpty(), "host devices need a device plugin");
        unmapped(warnings, name, "ulimits", !service.ulimits().isEmpty(), "the node's container runtime sets them");
        unmapped(warnings, name, "cgroup_parent", service.cgroupParent(), "not converted");
        unmapped(warnings, name, "userns_mode", service.usernsMode(), "not converted");
        unmapped(warnings, name, "mac_address", service.macAddress(), "not converted");
        unmapped(warnings, name, "oom_score_adj", service.oomScoreAdj(), "the kubelet sets it by QoS class");
        unmapped(warnings, name, "logging", service.logging(), "the cluster's logging applies");
        unmapped(warnings, name, "cpu_shares", service.cpuShares(), "use deploy.resources.reservations.cpus (requests)");
        unmapped(warnings, name, "cpuset", service.cpuset(), "not converted");
        unmapped(warnings, name, "init", service.init(), "not converted: the image's entrypoint is PID 1");
        unmapped(warnings, name, "domainname", service.domainname(), "not converted");
        unmapped(warnings, name, "dns", !service.dns().isEmpty(), "would replace the cluster's DNS and break Service names");
        unmapped(warnings, name, "stop_signal", service.stopSignal(), "Kubernetes sends SIGTERM (or the image's STOPSIGNAL)");
        unmapped(warnings, name, "platform", service.platform(), "use a nodeSelector on kubernetes.io/arch");
        unmapped(warnings, name, "security_opt", !service.securityOpt().isEmpty(), "not converted");
        unmapped(warnings, name, "memswap_limit", service.memswapLimit(), "not converted");
        if (service.restart() != null && !service.restart().equals("always") && !service.restart().equals("unless-stopped")) {
            warnings.service(name, "restart", service.restart() + ": the pods of a Deployment, StatefulSet or DaemonSet"
                    + " always restart");
        }
        service.networks().forEach((network, attachment) -> {
            if (attachment != null && (attachment.ipv4Address() != null || attachment.ipv6Address() != null)) {
                warnings.service(name, "networks." + network, "fixed addresses are not converted");
            }
        });
        DeployConfig deploy = service.deploy();
        if (deploy != null) {
            DeployConfig.RestartPolicy policy = deploy.restartPolicy();
            if (policy != null && policy.condition() != null && !policy.condition().equals("any")) {
                warnings.service(name, "deploy.restart_policy.condition", policy.condition()
                        + ": the pods of a workload always restart");
            }
            unmapped(warnings, name, "deploy.rollback_config", deploy.rollbackConfig(), "Kubernetes rolls back on request");
        }
    }

    private static void unmapped(Warnings warnings, String service, String key, Object value, String why) {
        if (value == null || Boolean.FALSE.equals(value) || value instanceof String text && text.isEmpty()) {
            return;
        }
        warnings.service(service, key, "no Kubernetes equivalent, not converted (" + why + ")");
    }
}
