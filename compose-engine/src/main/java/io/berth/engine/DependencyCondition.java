package io.berth.engine;

/** A {@code depends_on} condition, named as in the Compose file. */
public enum DependencyCondition {
    SERVICE_STARTED("service_started"),
    SERVICE_HEALTHY("service_healthy"),
    SERVICE_COMPLETED_SUCCESSFULLY("service_completed_successfully");

    private final String composeName;

    DependencyCondition(String composeName) {
        this.composeName = composeName;
    }

    public String composeName() {
        return composeName;
    }

    public static DependencyCondition fromComposeName(String name) {
        for (DependencyCondition condition : values()) {
            if (condition.composeName.equals(name)) {
                return condition;
            }
        }
        throw new IllegalArgumentException("unknown depends_on condition \"" + name
                + "\" (known: service_started, service_healthy, service_completed_successfully)");
    }
}
