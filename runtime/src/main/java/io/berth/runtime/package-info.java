/**
 * The runtime's public API, the only package other modules may import: {@link io.berth.runtime.ContainerRuntime}
 * and its records, {@link io.berth.runtime.Runtimes} (the way in), {@link io.berth.runtime.HostRuntime}
 * (the composing class) and the fronts it composes: {@link io.berth.runtime.ImageService},
 * {@link io.berth.runtime.NetworkService}, {@link io.berth.runtime.VolumeService},
 * {@link io.berth.runtime.ContainerProcesses}; for the CLI, {@link io.berth.runtime.TerminalAttachments}
 * and {@link io.berth.runtime.UnixChannels}. Everything else is internal (docs/runtime-layout.md).
 */
package io.berth.runtime;
