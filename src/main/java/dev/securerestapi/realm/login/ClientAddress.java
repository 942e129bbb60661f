package dev.securerestapi.realm.login;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import dev.securerestapi.settings.Settings.ForwardedHeader;

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
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern OBFUSCATED = Pattern.compile("_[A-Za-z0-9._-]{1,63}");
    private static final byte[] NAT64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    /** What a client a trusted proxy does not identify counts as. */
    public static final String UNKNOWN = "unknown";
    private static final NowAndThen UNIDENTIFIED_LOGGED = new NowAndThen(Duration.ofMinutes(1));

    private record Block(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Block> trusted;
    private final ForwardedHeader header;

    private ClientAddress(List<Block> trusted, ForwardedHeader header) {
        this.trusted = trusted;
        this.header = header;
    }

    /**
     * From the setting's comma-separated addresses and CIDR blocks (an entry it cannot read is
     * reported and ignored), believing {@code header} alone.
     */
    public static ClientAddress trusting(List<String> proxies, ForwardedHeader header) {
        List<Block> blocks = new ArrayList<>();
        for (String proxy : proxies) {
            String entry = proxy.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            Optional<byte[]> address = literal(slash < 0 ? entry : entry.substring(0, slash));
            int bits = -1;
            if (address.isPresent()) {
                try {
                    bits = slash < 0 ? address.get().length * 8 : Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
            }
            if (address.isEmpty() || bits < 0 || bits > address.get().length * 8) {
                LOG.warning("Ignoring trusted proxy '" + entry + "': not an IP address or CIDR block");
                continue;
            }
            blocks.add(new Block(address.get(), bits));
        }
        return new ClientAddress(List.copyOf(blocks), header);
    }

    /** The one header trusted proxies write, whose values {@link #of} reads. */
    public String header() {
        return header.headerName();
    }

    /**
     * The throttle's key for the client of a request from {@code peer} carrying these values of
     * {@link #header()} (each possibly a list).
     */
    public String of(String peer, List<String> values) {
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return key(peer);
        }
        List<String> hops = header == ForwardedHeader.FORWARDED ? forwardedFor(values) : split(values);
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = withoutPort(hops.get(i));
            if (literal(hop).isEmpty()) {
                // the proxy that wrote this hop (trusted: it is the peer or a trusted hop) does not say who its client is
                String unidentified = OBFUSCATED.matcher(hop).matches() ? hop : UNKNOWN;
                unidentified(client, unidentified);
                return unidentified;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return key(client);
    }

    private static void unidentified(String proxy, String countedAs) {
        if (UNIDENTIFIED_LOGGED.due()) {
            LOG.warning("Trusted proxy " + key(proxy) + " forwarded a login without its client's address; such logins count as '"
                    + countedAs + "', apart from every client the proxy does identify (logged at most once a minute)");
        }
    }

    /** An address as the throttle counts it: IPv4 as it is, IPv6 by its /64, anything else as given. */
    public static String key(String address) {
        Optional<byte[]> bytes = literal(address);
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

    private boolean isTrusted(String address) {
        Optional<byte[]> bytes = literal(address);
        return bytes.isPresent() && trusted.stream().anyMatch(block -> block.contains(bytes.get()));
    }

    /** The bytes of an IP address literal (IPv4-mapped IPv6 as IPv4), or empty; never a DNS lookup. */
    private static Optional<byte[]> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        boolean v4 = IPV4.matcher(s).matches();
        if (!v4 && !(s.contains(":") && IPV6.matcher(s).matches())) {
            return Optional.empty();
        }
        try {
            byte[] bytes = InetAddress.getByName(s).getAddress(); // a literal: parsed, not looked up (IPv4-mapped comes back as IPv4)
            if (bytes.length == 16 && Arrays.equals(bytes, 0, 12, NAT64, 0, 12)) {
                return Optional.of(Arrays.copyOfRange(bytes, 12, 16));
            }
            return Optional.of(bytes);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static List<String> split(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String hop : value.split(",", -1)) {
                hops.add(hop.strip());
            }
        }
        return hops;
    }

    /** A hop without its port: {@code 198.51.100.7:4711} and {@code [2001:db8::1]:4711} as proxies write them. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[") && hop.indexOf(']') > 0) {
            return hop.substring(1, hop.indexOf(']'));
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** The {@code for=} of each element of RFC 7239 {@code Forwarded} values, in order ("" where an element has none). */
    private static List<String> forwardedFor(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String element : split(values)) {
            String hop = "";
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase("for")) {
                    hop = pair.substring(eq + 1).strip().replace("\"", "");
                }
            }
            hops.add(hop);
        }
        return hops;
    }
}
