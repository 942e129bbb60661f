package dev.securerestapi.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import dev.securerestapi.settings.Settings.ForwardedHeader;

/**
 * What the reverse proxies listed in {@code secure-rest-api.trusted-proxies} say about a request,
 * in the one header {@code secure-rest-api.forwarded-header} names, believed only when the request
 * comes from one of them: who the client is ({@link #client}), and whether it reached the first
 * proxy over HTTPS ({@link #overHttps}), for a proxy that ends TLS. The login throttle, both
 * containers' HTTPS redirects and the application's HSTS all read them here. Only address
 * literals are read, never a name to look up.
 */
public final class TrustedProxies {

    private static final Logger LOG = Logger.getLogger(TrustedProxies.class.getName());
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final byte[] NAT64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    /** The header a proxy writing {@code X-Forwarded-For} says the client's scheme in. */
    public static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

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

    /**
     * The hop a request's client is, as the trusted proxies say: its text as written (port
     * dropped), {@code identified} false when the proxy that wrote it did not give an address
     * ({@code for=unknown}, an obfuscated identifier, no {@code for=}); and the {@code proto=}
     * that proxy wrote beside it ({@code Forwarded} only), or null.
     */
    public record Hop(String address, boolean identified, String proto) {}

    private final List<Block> trusted;
    private final ForwardedHeader header;

    private TrustedProxies(List<Block> trusted, ForwardedHeader header) {
        this.trusted = trusted;
        this.header = header;
    }

    public static TrustedProxies of(Settings settings) {
        return trusting(settings.trustedProxies(), settings.forwardedHeader());
    }

    /**
     * From the setting's comma-separated addresses and CIDR blocks (an entry it cannot read is
     * reported and ignored), believing {@code header} alone.
     */
    public static TrustedProxies trusting(List<String> proxies, ForwardedHeader header) {
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
        return new TrustedProxies(List.copyOf(blocks), header);
    }

    /** The one header the trusted proxies write the client's address in. */
    public String header() {
        return header.headerName();
    }

    /** The header they say the client's scheme in: {@code X-Forwarded-Proto}, or {@code Forwarded} itself. */
    public String protoHeader() {
        return header == ForwardedHeader.FORWARDED ? header.headerName() : X_FORWARDED_PROTO;
    }

    public boolean isEmpty() {
        return trusted.isEmpty();
    }

    /** Whether {@code address} (a literal) is one of the trusted proxies. */
    public boolean trusts(String address) {
        Optional<byte[]> bytes = literal(address);
        return bytes.isPresent() && trusted.stream().anyMatch(block -> block.contains(bytes.get()));
    }

    /**
     * The client of a request from {@code peer} carrying these values of {@link #header()} (each
     * possibly a list): the peer itself unless it is a trusted proxy; then the right-most hop that
     * is not, since each proxy appends the address it saw and everything left of that is what the
     * client wrote.
     */
    public Hop client(String peer, List<String> values) {
        if (trusted.isEmpty() || !trusts(peer)) {
            return new Hop(peer, true, null);
        }
        List<Hop> hops = header == ForwardedHeader.FORWARDED ? forwarded(values) : xForwardedFor(values);
        Hop client = new Hop(peer, true, null);
        for (int i = hops.size() - 1; i >= 0; i--) {
            Hop hop = hops.get(i);
            if (literal(hop.address()).isEmpty()) {
                // the proxy that wrote this hop (trusted: it is the peer or a trusted hop) does not say who its client is
                return new Hop(hop.address(), false, hop.proto());
            }
            client = hop;
            if (!trusts(hop.address())) {
                break;
            }
        }
        return client;
    }

    /**
     * Whether a plain-HTTP request from {@code peer} reached the trusted proxies over HTTPS: the
     * peer is one of them and says {@code https}, in {@code X-Forwarded-Proto} (its right-most
     * value: the proxy must set it, replacing what a client sent) or in the {@code proto=} of the
     * client's {@code Forwarded} element, whichever {@code forwarded-header} names. From any other
     * peer, or in the other header, it counts for nothing.
     *
     * @param values the request's values of {@link #header()}
     * @param protoValues the request's values of {@link #protoHeader()}
     */
    public boolean overHttps(String peer, List<String> values, List<String> protoValues) {
        if (trusted.isEmpty() || !trusts(peer)) {
            return false;
        }
        String proto;
        if (header == ForwardedHeader.FORWARDED) {
            proto = client(peer, values).proto();
        } else {
            List<String> protos = split(protoValues);
            proto = protos.isEmpty() ? null : protos.get(protos.size() - 1);
        }
        return "https".equalsIgnoreCase(proto);
    }

    /** The bytes of an IP address literal (IPv4-mapped and NAT64 IPv6 as IPv4), or empty; never a DNS lookup. */
    public static Optional<byte[]> literal(String text) {
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
        List<String> parts = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                parts.add(part.strip());
            }
        }
        return parts;
    }

    private static List<Hop> xForwardedFor(List<String> values) {
        return split(values).stream().map(hop -> new Hop(withoutPort(hop), true, null)).toList();
    }

    /** A hop without its port: {@code 198.51.100.7:4711} and {@code [2001:db8::1]:4711} as proxies write them. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[") && hop.indexOf(']') > 0) {
            return hop.substring(1, hop.indexOf(']'));
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** The {@code for=} and {@code proto=} of each element of RFC 7239 {@code Forwarded} values, in order ("" where there is no for=). */
    private static List<Hop> forwarded(List<String> values) {
        List<Hop> hops = new ArrayList<>();
        for (String element : split(values)) {
            String hop = "";
            String proto = null;
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = pair.substring(eq + 1).strip().replace("\"", "");
                if (name.equals("for")) {
                    hop = withoutPort(value);
                } else if (name.equals("proto")) {
                    proto = value;
                }
            }
            hops.add(new Hop(hop, true, proto));
        }
        return hops;
    }
}
