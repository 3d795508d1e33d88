package io.berth.runtime.image.registry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Insecure registries by name and by CIDR range (Docker's insecure-registries), with a resolver
 * of the test's own: which registry a range covers is a decision on addresses.
 */
class InsecureRegistriesTest {
    private static final Map<String, String[]> HOSTS = Map.of(
            "build.corp", new String[] {"10.20.30.40"},
            "dual.corp", new String[] {"192.168.7.1", "10.1.1.1"},
            "v6.corp", new String[] {"fd12:3456::9"},
            "public.example", new String[] {"203.0.113.5"});

    private static InetAddress[] resolve(String name) throws UnknownHostException {
        String[] addresses = HOSTS.get(name);
        if (addresses == null) {
            throw new UnknownHostException(name);
        }
        InetAddress[] resolved = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            resolved[i] = AddressRange.literal(addresses[i]);
        }
        return resolved;
    }

    private static InsecureRegistries of(String... entries) {
        return InsecureRegistries.parse(Set.of(entries), InsecureRegistriesTest::resolve);
    }

    @Test
    void anIpv4RangeCoversLiteralAddressesInItOnAnyPort() {
        InsecureRegistries insecure = of("10.0.0.0/8");
        assertTrue(insecure.covers("10.1.2.3:5000"));
        assertTrue(insecure.covers("10.255.255.255"));
        assertFalse(insecure.covers("11.0.0.1:5000"));
        assertFalse(insecure.covers("127.0.0.1:5000"));
        assertTrue(of("192.168.1.77/24").covers("192.168.1.200:443"), "host bits of the range are ignored");
        assertFalse(of("192.168.1.0/25").covers("192.168.1.200:443"));
        assertTrue(of("0.0.0.0/0").covers("8.8.8.8"));
        assertTrue(of("10.9.8.7/32").covers("10.9.8.7:80"));
        assertFalse(of("10.9.8.7/32").covers("10.9.8.6:80"));
    }

    @Test
    void anIpv6RangeCoversBracketedAddressesInIt() {
        InsecureRegistries insecure = of("fd00::/8");
        assertTrue(insecure.covers("[fd00::1]:5000"));
        assertTrue(insecure.covers("[FD12:3456::1]"));
        assertFalse(insecure.covers("[fe80::1]:5000"));
        assertFalse(insecure.covers("10.0.0.1:5000"), "an IPv4 address is in no IPv6 range");
        assertFalse(of("10.0.0.0/8").covers("[fd00::1]:5000"));
        assertTrue(of("::1/128").covers("[::1]:5000"));
        assertTrue(of("10.0.0.0/8").covers("[::ffff:10.0.0.9]:5000"), "IPv4-mapped counts as IPv4");
        assertTrue(of("::ffff:10.0.0.0/104").covers("10.3.3.3:5000"));
    }

    @Test
    void aNameIsCoveredWhenAnyOfItsAddressesIsInARange() {
        assertTrue(of("10.0.0.0/8").covers("build.corp:5000"));
        assertTrue(of("10.0.0.0/8").covers("dual.corp:5000"), "the second address is in the range");
        assertTrue(of("fd00::/8").covers("v6.corp"));
        assertFalse(of("10.0.0.0/8", "fd00::/8").covers("public.example:5000"));
        assertFalse(of("10.0.0.0/8").covers("nosuch.corp:5000"), "a name that does not resolve is in no range");
    }

    @Test
    void namesWithoutRangesOrUnderInvalidAreNeverLookedUp() {
        InsecureRegistries names = InsecureRegistries.parse(Set.of("build.corp:5000", "other.corp"),
                name -> fail("looked up " + name));
        assertTrue(names.covers("build.corp:5000"));
        assertFalse(names.covers("build.corp:6000"));
        assertTrue(names.covers("other.corp:1234"), "a bare host covers every port");
        assertFalse(names.covers("public.example:5000"));
        InsecureRegistries ranges = InsecureRegistries.parse(Set.of("0.0.0.0/0"), name -> fail("looked up " + name));
        assertFalse(ranges.covers("nosuch.invalid:5000"));
        assertTrue(ranges.covers("10.0.0.1:5000"));
    }

    @Test
    void aMalformedRangeIsRefusedNamingIt() {
        for (String bad : new String[] {"10.0.0.0/33", "10.0.0/8", "10.0.0.256/8", "fd00::/129", "example.com/8",
                "10.0.0.0/", "/8", "10.0.0.0/x", "10.0.0.0/+8", "fd00::zz/8"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> of(bad), bad);
            assertTrue(e.getMessage().contains(bad) && e.getMessage().contains("BERTH_INSECURE_REGISTRIES")
                    && e.getMessage().contains("CIDR"), e.getMessage());
        }
    }
}
