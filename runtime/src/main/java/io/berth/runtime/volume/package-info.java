/** Named and anonymous volumes: the store, the local driver's mounts, copy-up of image content. */
package io.berth.runtime.volume;
