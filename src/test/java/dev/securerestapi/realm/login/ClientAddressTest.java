package dev.securerestapi.realm.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The address a login is counted under: one the client cannot choose. */
class ClientAddressTest {

    private final ClientAddress behindProxies = ClientAddress.trusting(List.of("10.0.0.1", "192.168.0.0/16", "not-an-address"));
    private final ClientAddress noProxies = ClientAddress.trusting(List.of());

    @Test
    void forwardedHeadersAreIgnoredUnlessThePeerIsATrustedProxy() {
        assertEquals("203.0.113.7", noProxies.of("203.0.113.7", List.of(), List.of("198.51.100.1")));
        assertEquals("203.0.113.7", behindProxies.of("203.0.113.7", List.of(), List.of("198.51.100.1")));
    }

    @Test
    void theRightMostHopThatIsNotATrustedProxyIsTheClient() {
        // the client wrote 1.2.3.4 itself; the trusted proxy appended the address it saw
        assertEquals("198.51.100.9", behindProxies.of("10.0.0.1", List.of(), List.of("1.2.3.4, 198.51.100.9")));
        assertEquals("198.51.100.9", behindProxies.of("10.0.0.1", List.of(), List.of("5.6.7.8", "198.51.100.9, 192.168.4.4")));
        assertEquals("198.51.100.9", behindProxies.of("10.0.0.1",
                List.of("for=1.2.3.4, for=\"198.51.100.9:4711\";proto=https, for=192.168.4.4"), List.of("9.9.9.9")));
    }

    @Test
    void withoutAUsableHopTheLastTrustedAddressStands() {
        assertEquals("10.0.0.1", behindProxies.of("10.0.0.1", List.of(), List.of()));
        assertEquals("10.0.0.1", behindProxies.of("10.0.0.1", List.of(), List.of("unknown")));
        assertEquals("192.168.4.4", behindProxies.of("10.0.0.1", List.of(), List.of("evil.example, 192.168.4.4")));
    }

    @Test
    void ipv6ClientsCountByTheirSlash64() {
        assertEquals("2001:db8:1:2::/64", ClientAddress.key("2001:db8:1:2:aaaa::1"));
        assertEquals("2001:db8:1:2::/64", ClientAddress.key("[2001:db8:1:2:bbbb::2]"));
        assertEquals("2001:db8:1:3::/64", ClientAddress.key("2001:db8:1:3::1"));
        assertEquals("192.0.2.1", ClientAddress.key("::ffff:192.0.2.1"), "IPv4-mapped counts as IPv4");
        assertEquals("2001:db8:1:2::/64", behindProxies.of("10.0.0.1", List.of("for=\"[2001:db8:1:2::77]:4711\""), List.of()));
    }
}
