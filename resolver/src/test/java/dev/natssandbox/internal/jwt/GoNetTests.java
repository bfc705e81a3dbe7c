package dev.natssandbox.internal.jwt;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link GoNet#isCidr} says what Go's {@code net.ParseCIDR} says (checked against Go by {@code DescribeVerdictIT}). */
class GoNetTests {
    @Test
    void acceptsWhatGoAccepts() {
        for (String ok : List.of("10.0.0.0/8", "0.0.0.0/0", "255.255.255.255/32", "10.0.0.0/0008", "::/0", "::1/128",
                "fe80::/10", "FE80::1/64", "::ffff:10.0.0.1/128", "1:2:3:4:5:6:7:8/64", "1:2:3:4:5:6:1.2.3.4/96",
                "1::/16", "::1.2.3.4/128")) {
            assertEquals(true, GoNet.isCidr(ok), ok);
        }
    }

    @Test
    void refusesWhatGoRefuses() {
        for (String bad : List.of("", "10.0.0.1", "10.0.0.0/", "10.0.0.0/33", "::1/129", "010.0.0.1/32",
                "10.0.0/8", "10.0.0.0.0/8", "256.0.0.0/8", "1.2.3.4::/64", "1::2::3/64", "12345::/16", ":1/64",
                "1:/64", "fe80::1%eth0/64", "localhost/32", "10.0.0.0/-1", "10.0.0.0/+8", " 10.0.0.0/8",
                "1:2:3:4:5:6:7:8:9/64", "1:2:3:4:5:6:7/64", "1:2:3:4:5:6:7:8::/64", "::1.2.3/128", "10.0.0.0/8/8",
                "\u0661.0.0.0/8")) {
            assertEquals(false, GoNet.isCidr(bad), bad);
        }
    }
}
