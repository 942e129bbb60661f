package dev.securerestapi.realm.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import dev.securerestapi.settings.Settings.ForwardedHeader;
import org.junit.jupiter.api.Test;

/** The address a login is counted under: one the client cannot choose. */
class ClientAddressTest {

    private static final List<String> PROXIES = List.of("10.0.0.1", "192.168.0.0/16", "not-an-address");
    private final ClientAddress behindXff = ClientAddress.trusting(PROXIES, ForwardedHeader.X_FORWARDED_FOR);
    private final ClientAddress behindForwarded = ClientAddress.trusting(PROXIES, ForwardedHeader.FORWARDED);
    private final ClientAddress noProxies = ClientAddress.trusting(List.of(), ForwardedHeader.X_FORWARDED_FOR);

    @Test
    void forwardedHeadersAreIgnoredUnlessThePeerIsATrustedProxy() {
        assertEquals("203.0.113.7", noProxies.of("203.0.113.7", List.of("198.51.100.1")));
        assertEquals("203.0.113.7", behindXff.of("203.0.113.7", List.of("198.51.100.1")));
        assertEquals("203.0.113.7", behindForwarded.of("203.0.113.7", List.of("for=198.51.100.1")));
    }

    @Test
    void onlyTheConfiguredHeaderIsRead() {
        assertEquals("X-Forwarded-For", behindXff.header());
        assertEquals("Forwarded", behindForwarded.header());
        assertEquals("203.0.113.7", behindXff.of("10.0.0.1", List.of("203.0.113.7")));
        assertEquals(ClientAddress.UNKNOWN, behindForwarded.of("10.0.0.1", List.of("203.0.113.7")),
                "an X-Forwarded-For value is no Forwarded element");
    }

    @Test
    void theRightMostHopThatIsNotATrustedProxyIsTheClient() {
        // the client wrote 1.2.3.4 itself; the trusted proxy appended the address it saw
        assertEquals("198.51.100.9", behindXff.of("10.0.0.1", List.of("1.2.3.4, 198.51.100.9")));
        assertEquals("198.51.100.9", behindXff.of("10.0.0.1", List.of("5.6.7.8", "198.51.100.9, 192.168.4.4")));
        assertEquals("198.51.100.9", behindForwarded.of("10.0.0.1",
                List.of("for=1.2.3.4, for=\"198.51.100.9:4711\";proto=https, for=192.168.4.4")));
    }

    @Test
    void aClientChoosingEveryValueOfItsOwnHopsStillCountsAsTheAddressTheProxySaw() {
        for (int i = 0; i < 50; i++) {
            String spoofed = "203.0.113." + i + ", _attacker" + i + ", unknown";
            assertEquals("198.51.100.9", behindXff.of("10.0.0.1", List.of(spoofed + ", 198.51.100.9")));
            assertEquals("198.51.100.9", behindForwarded.of("10.0.0.1", List.of("for=" + i + ".1.1.1, for=198.51.100.9")));
        }
    }

    @Test
    void portsAreDroppedAsProxiesWriteThem() {
        assertEquals("198.51.100.7", behindXff.of("10.0.0.1", List.of("198.51.100.7:4711")));
        assertEquals("2001:db8:1:2::/64", behindXff.of("10.0.0.1", List.of("[2001:db8:1:2::1]:4711")));
        assertEquals("2001:db8:1:2::/64", behindXff.of("10.0.0.1", List.of("2001:db8:1:2::1")));
        assertEquals("2001:db8:1:2::/64", behindForwarded.of("10.0.0.1", List.of("for=\"[2001:db8:1:2::77]:4711\"")));
    }

    @Test
    void aClientTheProxyDoesNotIdentifyCountsApartNeverAsTheProxy() {
        assertEquals(ClientAddress.UNKNOWN, behindXff.of("10.0.0.1", List.of("unknown")));
        assertEquals(ClientAddress.UNKNOWN, behindForwarded.of("10.0.0.1", List.of("for=unknown")));
        assertEquals(ClientAddress.UNKNOWN, behindForwarded.of("10.0.0.1", List.of("proto=https")), "an element without for=");
        assertEquals(ClientAddress.UNKNOWN, behindXff.of("10.0.0.1", List.of("evil.example, 192.168.4.4")),
                "a name behind a trusted hop: never looked up");
        assertEquals("_hidden-7", behindForwarded.of("10.0.0.1", List.of("for=_hidden-7")), "an obfuscated identifier is the client's own");
        assertNotEquals("10.0.0.1", behindXff.of("10.0.0.1", List.of("unknown")));
        assertEquals("10.0.0.1", behindXff.of("10.0.0.1", List.of()), "without the header the proxy itself is the client");
    }

    @Test
    void ipv6ClientsCountByTheirSlash64AndIpv4InIpv6FormAsIpv4() {
        assertEquals("2001:db8:1:2::/64", ClientAddress.key("2001:db8:1:2:aaaa::1"));
        assertEquals("2001:db8:1:2::/64", ClientAddress.key("[2001:db8:1:2:bbbb::2]"));
        assertEquals("2001:db8:1:3::/64", ClientAddress.key("2001:db8:1:3::1"));
        assertEquals("192.0.2.1", ClientAddress.key("::ffff:192.0.2.1"), "IPv4-mapped counts as IPv4");
        assertEquals("192.0.2.1", ClientAddress.key("64:ff9b::192.0.2.1"), "NAT64 counts as IPv4");
        assertEquals("192.0.2.1", ClientAddress.key("64:ff9b::c000:201"));
        assertEquals("192.0.2.1", behindXff.of("10.0.0.1", List.of("[64:ff9b::c000:201]:4711")));
        assertEquals("10.0.0.1", behindXff.of("::ffff:10.0.0.1", List.of()), "a trusted proxy in IPv4-mapped form is trusted");
    }

    @Test
    void aNamesCountsGoByTheSlash56OfAnIpv6Client() {
        assertEquals("2001:db8:1:200::/56", ClientAddress.network(ClientAddress.key("2001:db8:1:2ff::1")));
        assertEquals("2001:db8:1:200::/56", ClientAddress.network(ClientAddress.key("2001:db8:1:200::1")));
        assertEquals("2001:db8:1:300::/56", ClientAddress.network(ClientAddress.key("2001:db8:1:300::1")));
        assertEquals("0:0:0:0::/56", ClientAddress.network(ClientAddress.key("::1:2:3:4")), "a /64 that is all zeros");
        assertEquals("192.0.2.1", ClientAddress.network("192.0.2.1"));
        assertEquals(ClientAddress.UNKNOWN, ClientAddress.network(ClientAddress.UNKNOWN));
    }

    @Test
    void everySpellingOfAnIpv4AddressCountsAsOneAndWhatIsNoAddressStaysApart() {
        assertEquals("10.0.0.10", ClientAddress.key("10.0.0.10"));
        assertEquals("1.2.3.4", ClientAddress.key("01.2.3.4"));
        assertEquals("1.2.3.4", ClientAddress.key("::ffff:1.2.3.4"));
        assertEquals("0.0.0.0", ClientAddress.key("0.0.0.0"));
        for (String notOne : List.of("256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.")) {
            assertEquals(notOne, ClientAddress.key(notOne));
        }
    }
}
