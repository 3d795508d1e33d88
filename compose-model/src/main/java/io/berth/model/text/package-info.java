/** Splitting command strings into words as Compose does ({@link io.berth.model.text.ShellWords}). */
package io.berth.model.text;
