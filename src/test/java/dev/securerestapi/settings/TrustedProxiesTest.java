package dev.securerestapi.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.securerestapi.settings.Settings.ForwardedHeader;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies xff = TrustedProxies.trusting(List.of("10.0.0.0/8"), ForwardedHeader.X_FORWARDED_FOR);
    private final TrustedProxies forwarded = TrustedProxies.trusting(List.of("10.0.0.1"), ForwardedHeader.FORWARDED);

    @Test
    void aTrustedProxysForwardedProtoHttpsMakesTheRequestSecure() {
        assertTrue(xff.overHttps("10.0.0.1", List.of("198.51.100.7"), List.of("https")));
        assertTrue(xff.overHttps("10.1.2.3", List.of(), List.of("HTTPS")));
        assertTrue(forwarded.overHttps("10.0.0.1", List.of("for=198.51.100.7;proto=https"), List.of("for=198.51.100.7;proto=https")));
    }

    @Test
    void fromAnyOtherPeerOrInTheOtherHeaderItCountsForNothing() {
        assertFalse(xff.overHttps("192.0.2.1", List.of("198.51.100.7"), List.of("https")), "not a trusted proxy");
        assertFalse(TrustedProxies.trusting(List.of(), ForwardedHeader.X_FORWARDED_FOR).overHttps("10.0.0.1", List.of(), List.of("https")));
        assertFalse(xff.overHttps("10.0.0.1", List.of(), List.of()), "a trusted proxy that says nothing");
        assertFalse(xff.overHttps("10.0.0.1", List.of(), List.of("http")));
        assertFalse(xff.overHttps("10.0.0.1", List.of(), List.of("https, http")), "the right-most value is the proxy's");
        assertEquals("X-Forwarded-Proto", xff.protoHeader());
        assertEquals("Forwarded", forwarded.protoHeader(), "with Forwarded, X-Forwarded-Proto is never read");
    }

    @Test
    void withForwardedTheProtoIsTheOneBesideTheClientsHop() {
        // a client wrote its own element with proto=https; the proxy appended what it saw: plain http
        List<String> values = List.of("for=203.0.113.9;proto=https, for=198.51.100.7;proto=http");
        assertFalse(forwarded.overHttps("10.0.0.1", values, values));
        List<String> ended = List.of("for=203.0.113.9;proto=http, for=\"[2001:db8::1]:4711\";proto=https");
        assertTrue(forwarded.overHttps("10.0.0.1", ended, ended));
        assertFalse(forwarded.overHttps("10.0.0.2", ended, ended), "not from the trusted proxy");
    }
}
