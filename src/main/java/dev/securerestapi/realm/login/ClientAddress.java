package dev.securerestapi.realm.login;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Which client a login comes from, as the throttle counts it. The direct peer, unless it is one of
 * the configured trusted proxies ({@code secure-rest-api.trusted-proxies}); then the right-most
 * hop of {@code Forwarded} (RFC 7239) or else {@code X-Forwarded-For} that is not itself a trusted
 * proxy: each proxy appends the address it saw, so hops to the left of that one are whatever the
 * client wrote. (Jetty's own forwarded customizer takes the left-most hop, which the client
 * chooses.) An IPv6 client counts by its /64, the block one customer gets; IPv4 by its address.
 * Only address literals are read, never a name to look up.
 */
public final class ClientAddress {

    private static final Logger LOG = Logger.getLogger(ClientAddress.class.getName());
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

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

    private ClientAddress(List<Block> trusted) {
        this.trusted = trusted;
    }

    /** From the setting's comma-separated addresses and CIDR blocks; an entry it cannot read is reported and ignored. */
    public static ClientAddress trusting(List<String> proxies) {
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
        return new ClientAddress(List.copyOf(blocks));
    }

    /**
     * The throttle's key for the client of a request from {@code peer} carrying these
     * {@code Forwarded} and {@code X-Forwarded-For} header values (each possibly a list).
     */
    public String of(String peer, List<String> forwarded, List<String> forwardedFor) {
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return key(peer);
        }
        List<String> hops = !forwarded.isEmpty() ? forwardedFor(forwarded) : split(forwardedFor);
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (literal(hop).isEmpty()) {
                break; // not an address: a trusted proxy wrote nothing usable; the last trusted hop stands
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return key(client);
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
            return Optional.of(InetAddress.getByName(s).getAddress()); // a literal: parsed, not looked up
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

    /** The {@code for=} of each element of RFC 7239 {@code Forwarded} values, in order ("" where an element has none). */
    private static List<String> forwardedFor(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String element : split(values)) {
            String hop = "";
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase("for")) {
                    hop = pair.substring(eq + 1).strip().replace("\"", "");
                    // "[2001:db8::1]:4711" or "192.0.2.1:4711": the port is not part of the client
                    if (hop.startsWith("[") && hop.indexOf(']') > 0) {
                        hop = hop.substring(1, hop.indexOf(']'));
                    } else if (hop.indexOf(':') == hop.lastIndexOf(':') && hop.indexOf(':') > 0) {
                        hop = hop.substring(0, hop.indexOf(':'));
                    }
                }
            }
            hops.add(hop);
        }
        return hops;
    }
}
