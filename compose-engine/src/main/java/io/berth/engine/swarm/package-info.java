/**
 * {@code berth stack}: a Compose project deployed on a Docker Engine in swarm mode, through the
 * Engine's HTTP API (no {@code docker} CLI). Services, overlay networks, secrets and configs carry the
 * label {@code com.docker.stack.namespace} as Docker's own stacks do, so {@code docker stack} sees them
 * too; secrets and configs are named by their content, so a change rolls the services that use them.
 */
package io.berth.engine.swarm;
