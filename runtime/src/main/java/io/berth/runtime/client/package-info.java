/**
 * The supervisor's client and its wire protocol: {@code SupervisorClient} (container requests, logs
 * read from the files), {@code SupervisorStarter} (starts a detached supervisor on demand),
 * {@code SupervisorConnection}, {@code Protocol} and {@code AttachFrames} (what goes over the socket).
 */
package io.berth.runtime.client;
