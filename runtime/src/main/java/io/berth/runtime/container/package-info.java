/**
 * One container on the kernel: the launcher that spawns the C init stage, cgroups (v1 and v2),
 * stdio and terminals, exec and top, the user resolver.
 */
package io.berth.runtime.container;
