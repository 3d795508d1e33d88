/** The C init stage's side in Java: its config (memfd) and the executable search. */
package io.berth.runtime.init;
