package io.berth.runtime.build.plan;

/**
 * One {@code RUN --mount}. Fields that do not apply to the type are null / defaults.
 *
 * @param type     bind, cache, tmpfs, secret, ssh
 * @param target   the absolute path in the container (for secret: default /run/secrets/ID, unless
 *                 only {@code env=} is given, then null)
 * @param from     bind/cache: the source (null for bind = the build context; null for cache = a cache
 *                 of its own)
 * @param source   the path inside {@code from} ("" = its root)
 * @param readOnly bind defaults to read-only, cache to read-write
 * @param id       cache: the cache id (default: the target); secret/ssh: the id (default: the
 *                 target's base name for secret)
 * @param sharing  cache: shared, private or locked
 * @param mode     file mode of a cache dir / secret file, null = default (0755 / 0400)
 * @param uid      owner uid, null = 0
 * @param gid      owner gid, null = 0
 * @param required secret/ssh: fail when missing
 * @param sizeBytes tmpfs: size limit, null = none
 * @param env      secret: the env variable that receives the secret's value, or null
 */
public record RunMount(Type type, String target, BuildSource from, String source, boolean readOnly, String id,
                       Sharing sharing, Integer mode, Integer uid, Integer gid, boolean required, Long sizeBytes,
                       String env) {
    public enum Type { BIND, CACHE, TMPFS, SECRET, SSH }

    public enum Sharing { SHARED, PRIVATE, LOCKED }
}
