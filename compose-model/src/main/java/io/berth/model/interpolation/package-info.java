/**
 * Variable interpolation of Compose values, as Docker Compose v2 (compose-go {@code template}) does it:
 * {@link io.berth.model.interpolation.Interpolator} for one string, {@link io.berth.model.interpolation.VariableLookup}
 * for where values come from, {@link io.berth.model.TemplateVariable} for listing references.
 */
package io.berth.model.interpolation;

import io.berth.model.TemplateVariable;
