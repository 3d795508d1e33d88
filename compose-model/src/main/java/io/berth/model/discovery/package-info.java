/**
 * Everything decided before the Compose files are parsed, in Docker Compose v2's order: environment, files,
 * profiles and the inputs of the project name ({@link io.berth.model.discovery.ProjectDiscovery}).
 */
package io.berth.model.discovery;
