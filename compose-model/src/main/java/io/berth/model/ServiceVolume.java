package io.berth.model;

/**
 * One entry of a service's {@code volumes:}, long form. {@code type} is {@code bind}, {@code volume},
 * {@code tmpfs}, {@code npipe}, {@code image} or {@code cluster}. For binds {@code source} is an
 * absolute path; for named volumes the key under the top-level {@code volumes:}; null for anonymous.
 */
public record ServiceVolume(
        String type,
        String source,
        String target,
        boolean readOnly,
        String consistency,
        BindOptions bind,
        VolumeOptions volume,
        TmpfsOptions tmpfs) {

    /** {@code bind:} options; null fields are not set. */
    public record BindOptions(String propagation, Boolean createHostPath, String selinux) {
    }

    /** {@code volume:} options. */
    public record VolumeOptions(boolean nocopy, String subpath) {
    }

    /** {@code tmpfs:} options: size in bytes, mode as file permission bits. */
    public record TmpfsOptions(Long size, Integer mode) {
    }
}
