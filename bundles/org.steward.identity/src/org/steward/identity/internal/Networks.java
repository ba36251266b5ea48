package org.steward.identity.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import org.steward.core.ValidationException;

/** CIDR allow-lists for IPv4 and IPv6, parsed without name resolution. */
final class Networks {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+(%[\\w.]+)?");

    private Networks() {
    }

    /** Parses and normalises a network; refuses anything that is not an address literal with an optional prefix. */
    static String canonical(String field, String network) {
        String text = network == null ? "" : network.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        InetAddress parsed = literal(address);
        if (parsed == null) {
            throw new ValidationException(field, "'" + text + "' is not an IPv4 or IPv6 network in CIDR notation");
        }
        int bits = parsed.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new ValidationException(field, "'" + text + "' has a prefix length outside 0 to " + bits);
            }
        }
        return parsed.getHostAddress() + "/" + prefix;
    }

    /** Whether the address lies in any of the networks (canonical form). Unparseable addresses match nothing. */
    static boolean matches(List<String> networks, String address) {
        InetAddress candidate = literal(address);
        if (candidate == null) {
            return false;
        }
        byte[] bytes = candidate.getAddress();
        for (String network : networks) {
            int slash = network.indexOf('/');
            InetAddress base = literal(network.substring(0, slash));
            int prefix = Integer.parseInt(network.substring(slash + 1));
            if (base != null && base.getAddress().length == bytes.length && samePrefix(base.getAddress(), bytes, prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int prefix) {
        int bits = a.length * 8;
        if (prefix == 0) {
            return true;
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, b).and(mask));
    }

    /** An IP literal (never a host name: no DNS look-up), IPv4-mapped IPv6 addresses as IPv4. */
    static InetAddress literal(String text) {
        if (text == null || text.isBlank() || !LITERAL.matcher(text.strip()).matches()
                || (!text.contains(":") && !text.strip().matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            return null;
        }
        try {
            return InetAddress.getByName(text.strip());
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
