package dev.natssandbox.internal.jwt;

/**
 * Go's {@code net.ParseCIDR} (Go 1.22 and later, on {@code net/netip}), which the reference's user limits check
 * ({@code Limits.Validate}) and nats-server apply to {@code src}: an IPv4 address of four decimal octets without
 * leading zeros, or an IPv6 address (one {@code ::} at most, groups of up to four hex digits, an IPv4 tail only in the
 * last 32 bits), no zone, then {@code /} and a decimal prefix length up to the address's bit length (leading zeros
 * allowed).
 */
final class GoNet {
    private GoNet() {
    }

    /** @return whether Go's {@code net.ParseCIDR} accepts the text */
    static boolean isCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return false;
        }
        int bits = addressBits(s.substring(0, slash));
        String mask = s.substring(slash + 1);
        if (bits < 0 || mask.isEmpty()) {
            return false;
        }
        int n = 0;
        for (int i = 0; i < mask.length(); i++) {
            char c = mask.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            n = n * 10 + (c - '0');
            if (n > bits) {
                return false;
            }
        }
        return true;
    }

    /** @return 32 or 128 for an address {@code netip.ParseAddr} accepts without a zone, else -1 */
    private static int addressBits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                return isIpv4(s) ? 32 : -1;
            }
            if (c == ':') {
                return isIpv6(s) ? 128 : -1;
            }
            if (c == '%') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isIpv4(String s) {
        int fields = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) {
                    return false; // leading zero
                }
                value = (value < 0 ? 0 : value) * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return false;
                }
            } else if (c == '.') {
                if (digits == 0 || fields == 3) {
                    return false;
                }
                fields++;
                value = -1;
                digits = 0;
            } else {
                return false;
            }
        }
        return fields == 3 && digits > 0;
    }

    /** {@code netip.parseIPv6} without zones. */
    private static boolean isIpv6(String in) {
        String s = in;
        int ellipsis = -1;
        int i = 0;
        if (s.length() >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
            ellipsis = 0;
            s = s.substring(2);
            if (s.isEmpty()) {
                return true;
            }
        }
        while (i < 16) {
            int off = 0;
            while (off < s.length() && Character.digit(s.charAt(off), 16) >= 0 && s.charAt(off) < 128) {
                off++;
                if (off > 4) {
                    return false;
                }
            }
            if (off == 0) {
                return false;
            }
            if (off < s.length() && s.charAt(off) == '.') {
                if (ellipsis < 0 && i != 12 || i + 4 > 16) {
                    return false;
                }
                if (!isIpv4(s)) {
                    return false;
                }
                i += 4;
                s = "";
                break;
            }
            i += 2;
            s = s.substring(off);
            if (s.isEmpty()) {
                break;
            }
            if (s.charAt(0) != ':' || s.length() == 1) {
                return false;
            }
            s = s.substring(1);
            if (s.charAt(0) == ':') {
                if (ellipsis >= 0) {
                    return false;
                }
                ellipsis = i;
                s = s.substring(1);
                if (s.isEmpty()) {
                    break;
                }
            }
        }
        if (!s.isEmpty()) {
            return false;
        }
        return i < 16 ? ellipsis >= 0 : ellipsis < 0;
    }
}
