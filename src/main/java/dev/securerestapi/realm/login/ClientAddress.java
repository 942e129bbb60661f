package dev.securerestapi.realm.login;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import dev.securerestapi.settings.Settings.ForwardedHeader;
import dev.securerestapi.settings.TrustedProxies;

/**
 * Which client a login comes from, as the throttle counts it. The direct peer, unless it is one of
 * the configured trusted proxies ({@code secure-rest-api.trusted-proxies}); then the right-most
 * hop, in the one header those proxies write ({@code secure-rest-api.forwarded-header}:
 * {@code X-Forwarded-For} or RFC 7239 {@code Forwarded}), that is not itself a trusted proxy:
 * each proxy appends the address it saw, so hops to the left of that one are whatever the client
 * wrote. The other header is never read, whatever it says. (Jetty's own forwarded customizer
 * takes the left-most hop, which the client chooses.) A hop's port is dropped. An IPv6 client
 * counts by its /64, the block one customer gets; IPv4 by its address, and an IPv4 address in
 * IPv6 form (IPv4-mapped {@code ::ffff:0:0/96}, NAT64 {@code 64:ff9b::/96}) as that IPv4 address.
 * A trusted proxy that does not identify its client ({@code for=unknown}, or no usable address)
 * has it counted as {@code unknown}, and one that names it by an obfuscated identifier
 * ({@code for=_abc}, RFC 7239 section 6.3) as that identifier: never as the proxy, which would let
 * one such client's failures refuse everyone behind it. Only address literals are read, never a
 * name to look up.
 */
public final class ClientAddress {

    private static final Logger LOG = Logger.getLogger(ClientAddress.class.getName());
    private static final Pattern OBFUSCATED = Pattern.compile("_[A-Za-z0-9._-]{1,63}");
    /** What a client a trusted proxy does not identify counts as. */
    public static final String UNKNOWN = "unknown";
    private static final NowAndThen UNIDENTIFIED_LOGGED = new NowAndThen(Duration.ofMinutes(1));

    private final TrustedProxies proxies;

    private ClientAddress(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    /**
     * From the setting's comma-separated addresses and CIDR blocks (an entry it cannot read is
     * reported and ignored), believing {@code header} alone.
     */
    public static ClientAddress trusting(List<String> proxies, ForwardedHeader header) {
        return new ClientAddress(TrustedProxies.trusting(proxies, header));
    }

    /** The one header trusted proxies write, whose values {@link #of} reads. */
    public String header() {
        return proxies.header();
    }

    /**
     * The throttle's key for the client of a request from {@code peer} carrying these values of
     * {@link #header()} (each possibly a list).
     */
    public String of(String peer, List<String> values) {
        TrustedProxies.Hop client = proxies.client(peer, values);
        if (!client.identified()) {
            String unidentified = OBFUSCATED.matcher(client.address()).matches() ? client.address() : UNKNOWN;
            unidentified(peer, unidentified);
            return unidentified;
        }
        return key(client.address());
    }

    private static void unidentified(String proxy, String countedAs) {
        if (UNIDENTIFIED_LOGGED.due()) {
            LOG.warning("Trusted proxy " + key(proxy) + " forwarded a login without its client's address; such logins count as '"
                    + countedAs + "', apart from every client the proxy does identify (logged at most once a minute)");
        }
    }

    /** An address as the throttle counts it: IPv4 as it is, IPv6 by its /64, anything else as given. */
    public static String key(String address) {
        if (isCanonicalIpv4(address)) {
            return address; // what the way below gives it back as, without parsing it twice
        }
        Optional<byte[]> bytes = TrustedProxies.literal(address);
        if (bytes.isEmpty()) {
            return address.length() <= 64 ? address : address.substring(0, 64);
        }
        byte[] b = bytes.get();
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        return String.format(Locale.ROOT, "%x:%x:%x:%x::/64",
                ((b[0] & 0xff) << 8) | (b[1] & 0xff), ((b[2] & 0xff) << 8) | (b[3] & 0xff),
                ((b[4] & 0xff) << 8) | (b[5] & 0xff), ((b[6] & 0xff) << 8) | (b[7] & 0xff));
    }

    /** Four decimal numbers up to 255 without leading zeros, as a container writes a peer's IPv4 address. */
    private static boolean isCanonicalIpv4(String address) {
        int parts = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= address.length(); i++) {
            char c = i < address.length() ? address.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || ++parts > 4) {
                    return false;
                }
                digits = 0;
            } else if (c >= '0' && c <= '9' && (digits == 0 || value != 0) && digits < 3) {
                value = digits++ == 0 ? c - '0' : value * 10 + c - '0';
                if (value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    /**
     * The network a {@link #key} belongs to, as the per-name counts go by it: an IPv6 /64 by its
     * /56 (what one home connection gets, so its 256 /64s give a name's guesses no more tries than
     * one), anything else as it is.
     */
    public static String network(String key) {
        if (!key.endsWith("::/64")) {
            return key;
        }
        String[] groups = key.substring(0, key.length() - "::/64".length()).split(":");
        if (groups.length != 4) {
            return key;
        }
        try {
            int fourth = Integer.parseInt(groups[3], 16) & 0xff00;
            return String.format(Locale.ROOT, "%s:%s:%s:%x::/56", groups[0], groups[1], groups[2], fourth);
        } catch (NumberFormatException e) {
            return key;
        }
    }
}
