/** The Compose engine: graph, reconcile, plan, execute. */
package io.berth.engine;
