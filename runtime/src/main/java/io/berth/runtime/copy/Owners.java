package io.berth.runtime.copy;

/**
 * Who owns what a copy writes: the archive's owners ({@code cp -a}), one fixed owner (root of the
 * container, as Docker gives copies into a container), or whoever writes (copies to the host).
 */
record Owners(boolean keep, int uid, int gid) {
    static final Owners KEEP = new Owners(true, -1, -1);
    static final Owners WRITER = new Owners(false, -1, -1);

    static Owners fixed(int uid, int gid) {
        return new Owners(false, uid, gid);
    }

    boolean changes() {
        return keep || uid >= 0;
    }

    int uidFor(long archived) {
        return keep ? (int) archived : uid;
    }

    int gidFor(long archived) {
        return keep ? (int) archived : gid;
    }
}
