/** Compose's size and duration values: {@link io.berth.model.units.ByteSize}, {@link io.berth.model.GoDuration}. */
package io.berth.model.units;

import io.berth.model.GoDuration;
