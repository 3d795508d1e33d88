package io.berth.engine;

/**
 * One service another waits for. {@code required} false: a missing dependency is only warned
 * about; {@code restart}: restart the dependent when this one is recreated.
 */
public record ServiceDependency(String service, DependencyCondition condition, boolean required,
                                boolean restart) {
    public static ServiceDependency started(String service) {
        return new ServiceDependency(service, DependencyCondition.SERVICE_STARTED, true, false);
    }
}
