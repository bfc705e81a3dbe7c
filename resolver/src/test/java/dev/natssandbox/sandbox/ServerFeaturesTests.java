package dev.natssandbox.sandbox;

import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.SigningKeySpec;
import dev.natssandbox.server.ServerVersion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerFeaturesTests {
    private static final SandboxSpec EVERY_FEATURE = SandboxSpec.operator("O")
            .account("P", a -> a.export(Export.of("s", "svc.a", ExportType.SERVICE).withAllowTrace(true))
                    .exportStream("feed.>").user("U"))
            .account("A", a -> a.trace("trace.a", 50).clusterTraffic("system")
                    .importing(ImportSpec.builder("P", "feed.>", ExportType.STREAM).allowTrace(true).build())
                    .signingKey(SigningKeySpec.scoped("svc", UserPermissionLimits.builder().proxyRequired(true)
                            .allowedConnectionTypes("STANDARD", "IN_PROCESS").build()))
                    .user("Proxied", u -> u.proxyRequired(true)))
            .account("AUTH", a -> a.user("service").authCallout(c -> c.authUser("service").allowAccount("A")))
            .build();

    @Test
    void findsEveryClaimNewerThan210WithItsSpecPathAndMinimum() {
        assertEquals(List.of(
                        "accounts.P.exports[0].allow_trace 2.11.0",
                        "accounts.A.trace 2.11.0",
                        "accounts.A.cluster_traffic 2.11.0",
                        "accounts.A.imports[0].allow_trace 2.11.0",
                        "accounts.A.signing_keys.svc.template.allowed_connection_types 2.11.0",
                        "accounts.A.signing_keys.svc.template.proxy_required 2.12.0",
                        "accounts.A.users.Proxied.proxy_required 2.12.0",
                        "accounts.AUTH.authorization 2.10.0"),
                ServerFeatures.uses(EVERY_FEATURE).stream().map(u -> u.where() + " " + u.minimum()).toList());
    }

    @Test
    void aServerOf211RefusesOnlyProxyRequired() {
        ServerTooOldException e = assertThrows(ServerTooOldException.class, () -> ServerFeatures.requireSupported(
                EVERY_FEATURE, ServerVersion.of("2.11.4"), "[/opt/nats-server]"));
        assertEquals("the spec uses claims that nats-server 2.11.4 ([/opt/nats-server]) does not know and would "
                + "silently ignore: proxy_required at [accounts.A.signing_keys.svc.template.proxy_required] needs "
                + "nats-server 2.12.0 or newer; proxy_required at [accounts.A.users.Proxied.proxy_required] needs "
                + "nats-server 2.12.0 or newer. To fix: run nats-server 2.12.0 or newer (NATS_SERVER_PATH, or the "
                + "sandbox's server path or Docker image), or remove these claims from the spec", e.getMessage());
        assertEquals(ServerVersion.of("2.12.0"), e.minimumVersion());
    }

    @Test
    void aServerOf29RefusesAuthCalloutNamingTheClaimTheVersionAndTheMinimum() {
        SandboxSpec callout = SandboxSpec.operator("O").account("APP", a -> a.user("U"))
                .account("AUTH", a -> a.user("service").authCallout(c -> c.authUser("service").allowAccount("APP")))
                .build();

        ServerTooOldException e = assertThrows(ServerTooOldException.class, () -> ServerFeatures.requireSupported(
                callout, ServerVersion.of("2.9.10"), "binary [/usr/sbin/nats-server]"));

        assertEquals("the spec uses claims that nats-server 2.9.10 (binary [/usr/sbin/nats-server]) does not know "
                + "and would silently ignore: auth callout (the account authorization claim) at "
                + "[accounts.AUTH.authorization] needs nats-server 2.10.0 or newer. To fix: run nats-server 2.10.0 "
                + "or newer (NATS_SERVER_PATH, or the sandbox's server path or Docker image), or remove these claims "
                + "from the spec", e.getMessage());
        assertEquals(List.of("accounts.AUTH.authorization"), e.features());
        assertDoesNotThrow(() -> ServerFeatures.requireSupported(callout, ServerVersion.of("2.10.0"), "x"));
    }

    @Test
    void aNewEnoughServerOrASpecWithoutNewerClaimsPasses() {
        assertDoesNotThrow(() -> ServerFeatures.requireSupported(EVERY_FEATURE, ServerVersion.of("2.12.0"), "x"));
        assertDoesNotThrow(() -> ServerFeatures.requireSupported(SandboxSpec.operator("O")
                .account("A", a -> a.user("U")).build(), ServerVersion.of("2.9.10"), "x"));
    }
}
