package io.berth.model;

/** One {@code ulimits} entry; a single value sets both soft and hard. */
public record Ulimit(long soft, long hard) {
}
