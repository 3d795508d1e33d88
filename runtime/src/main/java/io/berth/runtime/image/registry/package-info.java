/** The OCI distribution client used by pulls: HTTP, token auth. */
package io.berth.runtime.image.registry;
