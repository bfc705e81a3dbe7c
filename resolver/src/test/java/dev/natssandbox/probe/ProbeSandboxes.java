package dev.natssandbox.probe;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.internal.server.ServerFinder;
import dev.natssandbox.server.ServerNotFoundException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Starts sandboxes for the probe integration tests on the nats-server binary. */
final class ProbeSandboxes {
    private ProbeSandboxes() {
    }

    /**
     * @param spec what to run
     * @return a running sandbox; the test is skipped when nats-server is missing, or fails when
     *         {@code NATS_SANDBOX_REQUIRE_ALL=true}
     */
    static Sandbox start(SandboxSpec spec) {
        try {
            ServerFinder.system().find(null);
        } catch (ServerNotFoundException e) {
            if ("true".equalsIgnoreCase(System.getenv("NATS_SANDBOX_REQUIRE_ALL"))) {
                Assertions.fail("NATS_SANDBOX_REQUIRE_ALL=true but " + e.getMessage(), e);
            }
            Assumptions.abort("skipped: " + e.getMessage());
        }
        return Sandbox.builder(spec).launcher(LauncherKind.BINARY).start();
    }

    /** @return the users of the seed walkthrough, in one account */
    static SandboxSpec seed() {
        return SandboxSpec.operator("Test")
                .account("TestAccount", a -> a
                        .user("TestUser")
                        .user("TestService", u -> u.allowPub("_INBOX.>").allowSub("req.a"))
                        .user("TestClient", u -> u.allowPub("req.a").allowSub("_INBOX.>")))
                .build();
    }
}
