package dev.natssandbox.model;

import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.internal.jwt.ClaimRules;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.MessageTrace;
import dev.natssandbox.jwt.Permission;
import dev.natssandbox.jwt.Permissions;
import dev.natssandbox.jwt.TimeRange;
import dev.natssandbox.jwt.UserPermissionLimits;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Local checks shared by the model records. Every message names the bad value and what is expected. */
final class Checks {
    static final Set<String> CONNECTION_TYPES = Set.of("STANDARD", "WEBSOCKET", "LEAFNODE", "LEAFNODE_WS", "MQTT",
            "MQTT_WS", "IN_PROCESS");

    private Checks() {
    }

    /**
     * Names become file and directory names (the nsc store layout), so they must be path-safe.
     */
    static String name(String where, String what, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidSpecException(where, what + " name is empty; give it a name such as \"TestAccount\"");
        }
        if (!name.equals(name.strip())) {
            throw new InvalidSpecException(where, what + " name [" + name
                    + "] has leading or trailing whitespace; remove it");
        }
        if (name.length() > 128) {
            throw new InvalidSpecException(where, what + " name [" + name.substring(0, 32) + "…] has "
                    + name.length() + " characters; use at most 128");
        }
        if (name.equals(".") || name.equals("..") || name.startsWith(".")) {
            throw new InvalidSpecException(where, what + " name [" + name
                    + "] starts with '.'; names become file names, so use letters, digits, '-' or '_'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>'
                    || c == '|' || Character.isISOControl(c)) {
                throw new InvalidSpecException(where, what + " name [" + name + "] contains ["
                        + (Character.isISOControl(c) ? String.format("U+%04X", (int) c) : String.valueOf(c))
                        + "]; names become file names, so use letters, digits, spaces, '.', '-' or '_'");
            }
        }
        return name;
    }

    static long limit(String where, long value) {
        if (value < -1) {
            throw new InvalidSpecException(where, "limit [" + value + "] is below -1; use -1 for unlimited or a "
                    + "value of 0 or more");
        }
        return value;
    }

    static void accountLimits(String where, AccountLimits l) {
        limit(where + ".subs", l.subs());
        limit(where + ".data", l.data());
        limit(where + ".payload", l.payload());
        limit(where + ".imports", l.imports());
        limit(where + ".exports", l.exports());
        limit(where + ".conn", l.conn());
        limit(where + ".leaf", l.leaf());
        jetStream(where, l.jetStream());
        if (!l.tieredLimits().isEmpty() && !l.jetStream().equals(JetStreamLimits.DISABLED)) {
            throw new InvalidSpecException(where + ".tiered_limits", "JetStream limits are set both untiered and in "
                    + "tiers " + l.tieredLimits().keySet() + "; the reference rejects that and the server ignores the "
                    + "untiered ones: put every limit in a tier (e.g. R1) or drop tiered_limits");
        }
        for (Map.Entry<String, JetStreamLimits> e : l.tieredLimits().entrySet()) {
            if (e.getKey().isBlank()) {
                throw new InvalidSpecException(where + ".tiered_limits", "tier name is empty; use e.g. R1 or R3");
            }
            jetStream(where + ".tiered_limits." + e.getKey(), e.getValue());
        }
    }

    static void jetStream(String where, JetStreamLimits js) {
        limit(where + ".mem_storage", js.memoryStorage());
        limit(where + ".disk_storage", js.diskStorage());
        limit(where + ".streams", js.streams());
        limit(where + ".consumer", js.consumers());
        limit(where + ".max_ack_pending", js.maxAckPending());
        limit(where + ".mem_max_stream_bytes", js.memoryMaxStreamBytes());
        limit(where + ".disk_max_stream_bytes", js.diskMaxStreamBytes());
    }

    static void permissions(String where, Permissions p) {
        permission(where + ".pub", p.pub(), false);
        permission(where + ".sub", p.sub(), true);
        if (p.resp() != null) {
            if (p.resp().maxMessages() < 0) {
                throw new InvalidSpecException(where + ".resp.max", "response count [" + p.resp().maxMessages()
                        + "] is negative; use 1 or more (0 means the server default of 1)");
            }
            if (p.resp().ttl().isNegative()) {
                throw new InvalidSpecException(where + ".resp.ttl", "response ttl [" + p.resp().ttl()
                        + "] is negative; use a duration such as 5s");
            }
        }
    }

    private static void permission(String where, Permission p, boolean queues) {
        list(where + ".allow", p.allow(), queues);
        list(where + ".deny", p.deny(), queues);
    }

    private static void list(String where, List<String> subjects, boolean queues) {
        for (int i = 0; i < subjects.size(); i++) {
            String at = where + "[" + i + "]";
            if (queues) {
                Subjects.requireSubscription(at, subjects.get(i));
            } else {
                Subjects.require(at, subjects.get(i));
            }
        }
    }

    static void userPermissionLimits(String where, UserPermissionLimits u) {
        permissions(where, u.permissions());
        for (int i = 0; i < u.src().size(); i++) {
            cidr(where + ".src[" + i + "]", u.src().get(i));
        }
        for (int i = 0; i < u.times().size(); i++) {
            TimeRange t = u.times().get(i);
            time(where + ".times[" + i + "].start", t.start());
            time(where + ".times[" + i + "].end", t.end());
        }
        if (!u.timesLocation().isEmpty()) {
            try {
                ZoneId.of(u.timesLocation());
            } catch (DateTimeException e) {
                throw new InvalidSpecException(where + ".times_location", "time zone [" + u.timesLocation()
                        + "] is not an IANA zone name; use e.g. UTC or Europe/Berlin");
            }
        }
        limit(where + ".subs", u.subs());
        limit(where + ".data", u.data());
        limit(where + ".payload", u.payload());
        for (int i = 0; i < u.allowedConnectionTypes().size(); i++) {
            String t = u.allowedConnectionTypes().get(i);
            if (!CONNECTION_TYPES.contains(t)) {
                throw new InvalidSpecException(where + ".allowed_connection_types[" + i + "]", "connection type ["
                        + t + "] is unknown; use one of " + new java.util.TreeSet<>(CONNECTION_TYPES));
            }
        }
    }

    static void time(String where, String value) {
        if (!ClaimRules.isTime(value)) {
            throw new InvalidSpecException(where, "time [" + value + "] is not HH:mm:ss (24-hour, 00:00:00 to "
                    + "23:59:59, e.g. 08:00:00); for a window that ends at midnight use 23:59:59");
        }
    }

    static void cidr(String where, String value) {
        String problem = cidrProblem(value);
        if (problem != null) {
            throw new InvalidSpecException(where, "CIDR [" + value + "] is not valid: " + problem
                    + "; use e.g. 127.0.0.1/32 or ::1/128");
        }
    }

    static String cidrProblem(String value) {
        if (value == null || value.isEmpty()) {
            return "it is empty";
        }
        int slash = value.indexOf('/');
        if (slash < 0) {
            return "it has no /prefix length";
        }
        String ip = value.substring(0, slash);
        String bits = value.substring(slash + 1);
        int max;
        if (ip.contains(":")) {
            max = 128;
            if (!ip.matches("[0-9A-Fa-f:.]+") || ip.contains(":::") || ip.indexOf("::") != ip.lastIndexOf("::")
                    || (ip.contains(".") && !isIpv4(ip.substring(ip.lastIndexOf(':') + 1)))) {
                return "[" + ip + "] is not an IPv6 address";
            }
            try {
                java.net.InetAddress.getByName(ip);
            } catch (java.net.UnknownHostException e) {
                return "[" + ip + "] is not an IPv6 address";
            }
        } else {
            max = 32;
            if (!isIpv4(ip)) {
                return "[" + ip + "] is not an IPv4 address (four numbers 0-255 separated by dots)";
            }
        }
        if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > max) {
            return "prefix length [" + bits + "] must be a number from 0 to " + max;
        }
        return null;
    }

    /**
     * Four numbers 0-255 without leading zeros: the server's Go (1.17 and later) refuses "010.0.0.1", and a user
     * whose src it cannot parse can never connect.
     */
    private static boolean isIpv4(String ip) {
        String[] octets = ip.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String o : octets) {
            if (!o.matches("0|[1-9]\\d{0,2}") || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }

    /** As the reference's {@code Account.Validate} checks a trace: a publish subject, sampling 1 to 100 (0 is 100). */
    static MessageTrace trace(String where, MessageTrace trace) {
        Subjects.requireLiteral(where + ".dest", trace.destination());
        if (trace.sampling() < 0 || trace.sampling() > 100) {
            throw new InvalidSpecException(where + ".sampling", "sampling [" + trace.sampling()
                    + "] must be a percentage from 1 to 100 (leave it out for 100)");
        }
        return trace.sampling() == 0 ? new MessageTrace(trace.destination(), 100) : trace;
    }

    static Duration positive(String where, Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new InvalidSpecException(where, "duration [" + d + "] must be positive, e.g. 24h");
        }
        return d;
    }

    static List<String> tags(String where, List<String> tags) {
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i) == null || tags.get(i).isBlank()) {
                throw new InvalidSpecException(where + "[" + i + "]", "tag is empty");
            }
        }
        return tags;
    }
}
