package io.berth.model;

/** A service's use of a secret or config ({@code services.x.secrets[i]}), long form. */
public record FileReference(String source, String target, String uid, String gid, Integer mode) {
}
