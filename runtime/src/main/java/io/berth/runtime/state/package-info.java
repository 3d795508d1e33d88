/**
 * State on disk: container records and their layout, and the two primitives every store uses:
 * {@code AtomicFiles} (temp, fsync, rename, fsync the directory) and {@code StateLock}.
 */
package io.berth.runtime.state;
