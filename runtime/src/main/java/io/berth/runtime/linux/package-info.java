/**
 * The one JNA layer: every syscall Berth makes, each failure turned into an exception naming the call,
 * the path and errno. Only the runtime uses it; the CLI reaches it through public fronts.
 */
package io.berth.runtime.linux;
