/**
 * {@code berth convert --format kubernetes}: a Compose project as Kubernetes manifests. Pure: it
 * reads the {@link io.berth.model.Project} (and the files its secrets and configs name) and returns
 * objects as ordered maps; the CLI writes them. Every key with no Kubernetes meaning is a warning
 * naming the service and the key, and no object is emitted that an API server would reject
 * (names, port names, restart policies are checked before anything is written).
 */
package io.berth.engine.kubernetes;
