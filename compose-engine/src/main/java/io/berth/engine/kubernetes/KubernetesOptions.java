package io.berth.engine.kubernetes;

/**
 * How to convert. {@code publishAs}: the Service type for published ports; {@code stateful}: services
 * with named volumes become StatefulSets; {@code networkPolicies}: Compose networks become
 * NetworkPolicies; {@code waitImage}: the image of the init containers that wait for a dependency.
 */
public record KubernetesOptions(PublishAs publishAs, boolean stateful, boolean networkPolicies, String waitImage) {
    public static final String DEFAULT_WAIT_IMAGE = "busybox:1.36";

    /** The Service type that carries published ports. */
    public enum PublishAs {
        NODE_PORT("NodePort"), LOAD_BALANCER("LoadBalancer");

        private final String serviceType;

        PublishAs(String serviceType) {
            this.serviceType = serviceType;
        }

        public String serviceType() {
            return serviceType;
        }
    }

    public static KubernetesOptions defaults() {
        return new KubernetesOptions(PublishAs.LOAD_BALANCER, false, false, DEFAULT_WAIT_IMAGE);
    }
}
