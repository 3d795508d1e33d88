/** Compose's size and duration values: {@link io.berth.model.units.ByteSize}, {@link io.berth.model.units.GoDuration}. */
package io.berth.model.units;
