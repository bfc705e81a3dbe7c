package dev.natssandbox.internal.util;

/**
 * Keeps BouncyCastle LTS (used by jnats and for our Ed25519 signing) on its pure-Java variant.
 *
 * <p>Its native variant unpacks shared libraries into {@code <java.io.tmpdir>/bc-lts-<random>-libs} and removes
 * them only in a shutdown hook, so every JVM ended by SIGKILL (a killed test run, an IDE's stop button) leaves one
 * behind, and the directory names no owner by which a later run could tell a leftover from a live JVM's. The native
 * code speeds up AES, SHA and DRBG; nats-sandbox's Ed25519 signing is pure Java in both variants, so for a sandbox it
 * costs nothing measurable. Internal to nats-sandbox; not a stable API.
 *
 * <p>Applied before nats-sandbox first touches BouncyCastle, unless the JVM already chose a variant
 * ({@value #CPU_VARIANT} set) or {@value #ALLOW_NATIVE}{@code =true} asks to leave the choice to BouncyCastle.
 * Code that loaded BouncyCastle's crypto services before nats-sandbox did has made the choice already.
 */
public final class NativeCrypto {
    /** BouncyCastle LTS's system property naming the variant: {@code java} for pure Java. */
    public static final String CPU_VARIANT = "org.bouncycastle.native.cpu_variant";
    /** System property: {@code true} leaves BouncyCastle's own choice (its native libraries) alone. */
    public static final String ALLOW_NATIVE = "natssandbox.bouncycastle.native";

    private NativeCrypto() {
    }

    /** Chooses the pure-Java variant unless a choice was made (see the class description). Idempotent. */
    public static void pureJavaUnlessChosen() {
        try {
            if (System.getProperty(CPU_VARIANT) == null && !Boolean.getBoolean(ALLOW_NATIVE)) {
                System.setProperty(CPU_VARIANT, "java");
            }
        } catch (SecurityException e) {
            // a JVM that forbids setting properties keeps BouncyCastle's choice
        }
    }
}
