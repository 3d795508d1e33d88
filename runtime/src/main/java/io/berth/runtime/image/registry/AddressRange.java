package io.berth.runtime.image.registry;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A CIDR range of IPv4 or IPv6 addresses ({@code 10.0.0.0/8}, {@code fd00::/8}); host bits in
 * the address are ignored, as Go's ParseCIDR (Docker's) masks them. An IPv4 address is in an
 * IPv4 range only, an IPv6 one in an IPv6 range only (IPv4-mapped IPv6 addresses count as IPv4).
 */
record AddressRange(byte[] network, int prefixBits) {
    static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        InetAddress address = literal(text.substring(0, slash));
        int prefix = -1;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            // reported below
        }
        boolean mapped = address instanceof Inet4Address && text.contains(":");
        if (mapped) { // ::ffff:10.0.0.0/104 is the IPv4 range 10.0.0.0/8
            prefix -= 96;
        }
        if (address == null || prefix < 0 || prefix > address.getAddress().length * 8
                || text.substring(slash + 1).startsWith("+")) {
            throw new IllegalArgumentException("insecure registries (BERTH_INSECURE_REGISTRIES): " + text
                    + " is neither host[:port] nor a CIDR range (ADDRESS/PREFIX, e.g. 10.0.0.0/8 or fd00::/8)");
        }
        return new AddressRange(address.getAddress(), prefix);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixBits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code text} as an IP address when it is a literal one (dotted IPv4, or IPv6 without
     * brackets), else null. Never asks a resolver: a malformed literal is not looked up as a name.
     */
    static InetAddress literal(String text) {
        try {
            if (text.contains(":")) {
                return InetAddress.getByName("[" + text + "]"); // bracketed: parsed as IPv6, never resolved
            }
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
                    return null;
                }
                bytes[i] = (byte) Integer.parseInt(parts[i]);
            }
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
