/**
 * The content-addressed image store: blobs, layers (unpacked safely), references, load, import, pull.
 */
package io.berth.runtime.image;
