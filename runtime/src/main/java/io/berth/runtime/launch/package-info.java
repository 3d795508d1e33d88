/**
 * Launch preparation: from a {@code ContainerSpec} and its image to a {@code LaunchRequest}
 * ({@code LaunchPlanner}): mounts, volumes, users (through {@code container.UserResolver}), environment,
 * links, network-mode rules, exec requests. Its ports to the stores are {@code ImageAccess},
 * {@code NetworkAccess} and {@code VolumeAccess}; it does not depend on the daemon.
 */
package io.berth.runtime.launch;
