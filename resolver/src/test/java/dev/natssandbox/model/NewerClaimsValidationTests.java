package dev.natssandbox.model;

import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.MessageTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The claims of jwt v2.8 the model checks as the reference's Validate does, and their defaults. */
class NewerClaimsValidationTests {
    private static void fails(String where, String message, Executable build) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, build);
        assertEquals(where + ": " + message, e.getMessage());
    }

    @Test
    void aTraceSamplingOfZeroIsAHundredAsTheReferenceValidatesIt() {
        assertEquals(new MessageTrace("trace.a", 100), AccountSpec.builder("A").trace("trace.a", 0).build().trace());
        assertEquals(new MessageTrace("trace.a", 1), AccountSpec.builder("A").trace("trace.a", 1).build().trace());
    }

    @Test
    void aTraceSamplingOutsideOneToAHundredIsRefused() {
        fails("accounts.A.trace.sampling", "sampling [101] must be a percentage from 1 to 100 (leave it out for 100)",
                () -> AccountSpec.builder("A").trace("trace.a", 101).build());
        fails("accounts.A.trace.sampling", "sampling [-1] must be a percentage from 1 to 100 (leave it out for 100)",
                () -> AccountSpec.builder("A").trace("trace.a", -1).build());
    }

    @Test
    void aTraceDestinationMustBeAPublishSubject() {
        fails("accounts.A.trace.dest", "subject [trace.*] contains wildcards; messages are published to literal "
                + "subjects", () -> AccountSpec.builder("A").trace("trace.*", 100).build());
        assertThrows(InvalidSpecException.class, () -> AccountSpec.builder("A").trace("", 100).build());
    }

    @Test
    void clusterTrafficIsSystemOrOwner() {
        assertEquals("owner", AccountSpec.builder("A").clusterTraffic("owner").build().clusterTraffic());
        assertEquals("", AccountSpec.builder("A").build().clusterTraffic());
        fails("accounts.A.cluster_traffic", "cluster traffic [Owner] is unknown; use system or owner, or leave it out",
                () -> AccountSpec.builder("A").clusterTraffic("Owner").build());
    }

    @Test
    void allowTraceOnAServiceImportIsRefusedAsTheReferenceDoes() {
        fails("imports.allow_trace", "allow_trace is set on service import [svc.a]; the reference allows it on stream "
                + "imports only (a service export sets it instead)",
                () -> ImportSpec.builder("P", "svc.a", ExportType.SERVICE).allowTrace(true).build());
    }

    @Test
    void anActivationExpiryMustBePositive() {
        fails("imports.activation_expires", "duration [PT0S] must be positive, e.g. 24h",
                () -> ImportSpec.builder("P", "feed.>", ExportType.STREAM).activationExpires(Duration.ZERO).build());
    }

    @Test
    void anOperatorExpiryMustBePositive() {
        fails("operator.expires", "duration [PT-1S] must be positive, e.g. 24h",
                () -> OperatorSpec.named("O").withExpires(Duration.ofSeconds(-1)));
    }

    @Test
    void aRevocationTimeBefore1970IsRefused() {
        fails("users.U.revoked_at", "revocation time [1969-12-31T23:59:59Z] is before 1970; give a time like "
                + "2026-01-01T00:00:00Z", () -> UserSpec.builder("U").revokedAt(Instant.ofEpochSecond(-1)).build());
    }
}
