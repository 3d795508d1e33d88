/** Compose project names: precedence, normalization and validation ({@link io.berth.model.naming.ProjectName}). */
package io.berth.model.naming;
