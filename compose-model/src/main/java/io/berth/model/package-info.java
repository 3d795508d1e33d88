/** The Compose model: loading Compose files into a validated Project. */
package io.berth.model;
