package io.berth.runtime.network;

/** An IPv4 prefix such as 172.18.0.0/16; the address is always the network address. */
public record Ipv4Subnet(Ipv4Address network, int prefixLength) {

    public Ipv4Subnet {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
        network = new Ipv4Address(network.bits() & mask(prefixLength));
    }

    /** "172.18.0.0/16"; a bare address is a /32. Host bits are cleared ("172.18.0.1/16" too). */
    public static Ipv4Subnet parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not an IPv4 subnet: null");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new Ipv4Subnet(Ipv4Address.parse(text), 32);
        }
        try {
            return new Ipv4Subnet(Ipv4Address.parse(text.substring(0, slash)),
                    Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IPv4 subnet (a.b.c.d/len): " + text);
        }
    }

    static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    public long size() {
        return 1L << (32 - prefixLength);
    }

    public Ipv4Address broadcast() {
        return network.plus(size() - 1);
    }

    public boolean contains(Ipv4Address address) {
        return (address.bits() & mask(prefixLength)) == network.bits();
    }

    public boolean overlaps(Ipv4Subnet other) {
        int shorter = Math.min(prefixLength, other.prefixLength);
        return (network.bits() & mask(shorter)) == (other.network.bits() & mask(shorter));
    }

    /** The address {@code offset} after the network address (1: the usual gateway). */
    public Ipv4Address host(long offset) {
        return network.plus(offset);
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
