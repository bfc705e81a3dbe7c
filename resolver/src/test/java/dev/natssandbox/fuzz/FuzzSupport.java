package dev.natssandbox.fuzz;

import dev.natssandbox.NatsSandboxException;

import java.nio.charset.StandardCharsets;

/**
 * What a fuzz test may see: a parser either returns or throws a {@link NatsSandboxException} (its family is how
 * every intentional refusal of bad input is reported, with a message). Any other exception — a
 * {@code NullPointerException}, {@code ArrayIndexOutOfBoundsException}, {@code DateTimeException}, a Jackson or
 * SnakeYAML exception leaking through — is a finding: the fuzz test fails with it, and Jazzer keeps the input.
 */
final class FuzzSupport {
    /** How long {@code mvn verify} fuzzes each parser (after the committed corpus); longer runs: CONTRIBUTING.md. */
    static final String MAX_DURATION = "10s";

    private FuzzSupport() {
    }

    /** @return the input as text, as a file read by nats-sandbox would be (malformed UTF-8 replaced) */
    static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Runs a parser; a {@link NatsSandboxException} is an expected outcome, anything else propagates. */
    static void expectOnlyRefusals(Runnable parse) {
        try {
            parse.run();
        } catch (NatsSandboxException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("a refusal without a message", expected);
            }
        }
    }
}
