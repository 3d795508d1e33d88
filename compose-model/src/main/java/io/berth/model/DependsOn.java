package io.berth.model;

/**
 * One {@code depends_on} entry. {@code condition} is {@code service_started}, {@code service_healthy}
 * or {@code service_completed_successfully}.
 */
public record DependsOn(String condition, boolean restart, boolean required) {
    public static final String STARTED = "service_started";
    public static final String HEALTHY = "service_healthy";
    public static final String COMPLETED = "service_completed_successfully";
}
