/**
 * The daemon: one per state root, outliving every CLI. {@code SupervisorMain} and {@code SupervisorServer}
 * (the socket), {@code ContainerManager} (records and locks; create, start and exits in
 * {@code ContainerCreator}, {@code ContainerStarter}, {@code ExitHandler}), {@code Reaper}, {@code Recovery}
 * (re-adoption), {@code HealthChecker}, restarts, stdio relays, and the adapters ({@code *Access},
 * {@code Components}) that give launch preparation the image, network and volume services.
 */
package io.berth.runtime.supervisor;
