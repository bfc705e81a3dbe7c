package dev.natssandbox.cli;

import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.Provisioner;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code describe} of a callout account shows its auth users, allowed accounts and xkey. */
class DescribeCalloutTests {
    @Test
    void aCalloutAccountShowsItsAuthorizationSection() {
        Hierarchy h = Provisioner.provision(SandboxSpec.operator("Test")
                .account("AUTH", a -> a.user("service").authCallout(c -> c.authUser("service").allowAccount("APP")
                        .generateXkey()))
                .account("APP", a -> { })
                .build());

        String table = Describer.describe(Jwts.decode(h.account("AUTH").jwt()), Instant.now());
        String plain = Describer.describe(Jwts.decode(h.account("APP").jwt()), Instant.now());

        assertTrue(table.contains(h.user("AUTH/service").publicKey()), table);
        assertTrue(table.contains(h.account("APP").publicKey()), table);
        assertTrue(table.contains(h.account("AUTH").xkey().orElseThrow().publicKey()), table);
        assertFalse(plain.contains("Auth Callout"), plain);
    }
}
