package io.berth.model;

/** One {@code env_file} entry; its variables are already folded into the service's environment. */
public record EnvFile(String path, boolean required, String format) {
}
