package dev.natssandbox.nscimport;

import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.KeySource;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.sandbox.SandboxBuilder;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * An existing nsc environment, imported: a {@link SandboxSpec} rebuilt from its JWT claims and a {@link KeySource}
 * that returns its real keys by name, so that a sandbox runs the very identities of the environment and creds
 * issued by nsc connect to it.
 *
 * <pre>{@code
 * NscEnvironment env = NscEnvironment.read(Path.of("~/.local/share/nats/nsc/stores"),
 *         Path.of("~/.local/share/nats/nsc/keys"));
 * env.warnings().forEach(System.out::println);
 * try (Sandbox sandbox = Sandbox.builder(env.spec()).keySource(env.keySource()).start()) { … }
 * }</pre>
 *
 * <p>What is read:
 * <ul>
 *   <li>the store: a directory holding {@code <operator>/<operator>.jwt}, {@code <operator>/accounts/<a>/<a>.jwt}
 *   and {@code <operator>/accounts/<a>/users/<u>.jwt} (nsc's {@code ~/.local/share/nats/nsc/stores}, the older
 *   {@code ~/.nsc/nats}, {@code generate}'s {@code DIR/stores}), the operator directory itself, {@code generate}'s
 *   {@code DIR}, or an old {@code ~/.nsc} holding {@code nats/<operator>/};</li>
 *   <li>the keystore ({@code NKEYS_PATH}) in the current layout ({@code keys/<K>/<2-3>/<public key>.nk},
 *   {@code creds/<operator>/<account>/<user>.creds}) or the old one ({@code <operator>/<operator>.nk},
 *   {@code <operator>/accounts/<a>/<a>.nk}, {@code <operator>/accounts/<a>/users/<u>.nk} and {@code .creds});
 *   a key at neither place is found by reading every {@code .nk} and {@code .creds} file, as nsc's keystore
 *   migration does.</li>
 * </ul>
 *
 * <p>Names come from the files and directories and must equal the JWTs' {@code name} claims; every disagreement
 * is listed in one {@link dev.natssandbox.InvalidInputException}. Claims the spec cannot express, and tokens the
 * sandbox re-issues differently (expired, not yet valid, signed by an untrusted key), are listed in
 * {@link #warnings()}. The operator, operator signing key, account and account signing key seeds are needed to
 * re-issue the JWTs: without them the import fails with a {@link MissingKeysException} unless
 * {@link Reader#generateMissingKeys(boolean)} allows new keys. A user without seed gets a new key, with a warning.
 *
 * <p>Holds seeds (in its key source); {@link #toString()} does not show them.
 */
public final class NscEnvironment {
    private final SandboxSpec spec;
    private final KeySource keySource;
    private final List<ImportWarning> warnings;
    private final List<String> newKeys;
    private final Path operatorDir;
    private final Path keysDir;
    private final String operatorPublicKey;
    private final List<String> keystoreLayouts;
    private final boolean indexed;

    NscEnvironment(SandboxSpec spec, KeySource keySource, List<ImportWarning> warnings, List<String> newKeys,
                   Path operatorDir, Path keysDir, String operatorPublicKey, List<String> keystoreLayouts,
                   boolean indexed) {
        this.spec = spec;
        this.keySource = keySource;
        this.warnings = List.copyOf(warnings);
        this.newKeys = List.copyOf(newKeys);
        this.operatorDir = operatorDir;
        this.keysDir = keysDir;
        this.operatorPublicKey = operatorPublicKey;
        this.keystoreLayouts = List.copyOf(keystoreLayouts);
        this.indexed = indexed;
    }

    /**
     * Imports the only operator of a store, requiring every seed that signs JWTs.
     *
     * @param storeDir the stores directory (or the operator directory)
     * @param keysDir  the keystore ({@code NKEYS_PATH})
     * @return the imported environment
     * @throws dev.natssandbox.InvalidInputException when the store cannot be read, names disagree with JWTs, or
     *                                               the claims cannot be expressed as a spec
     * @throws MissingKeysException                  when seeds are missing
     */
    public static NscEnvironment read(Path storeDir, Path keysDir) {
        return reader(storeDir).keys(keysDir).read();
    }

    /**
     * @param storeDir the stores directory (or the operator directory)
     * @return a reader with options: the keystore, the operator, whether missing keys may be replaced
     */
    public static Reader reader(Path storeDir) {
        return new Reader(storeDir);
    }

    /** @return the spec rebuilt from the JWT claims */
    public SandboxSpec spec() {
        return spec;
    }

    /** @return the environment's keys by name (new keys for names it does not have) */
    public KeySource keySource() {
        return keySource;
    }

    /** @return what the sandbox does not reproduce exactly; empty when it reproduces everything */
    public List<ImportWarning> warnings() {
        return warnings;
    }

    /**
     * @return identities that get a new key in the sandbox: seeds missing from the keystore (when allowed) and
     *         identities the sandbox adds (a system account, its user), e.g. {@code account [Orders]}
     */
    public List<String> newKeys() {
        return newKeys;
    }

    /** @return the operator's name */
    public String operatorName() {
        return spec.operator().name();
    }

    /** @return the operator's public key */
    public String operatorPublicKey() {
        return operatorPublicKey;
    }

    /** @return the operator's store directory that was read */
    public Path operatorDir() {
        return operatorDir;
    }

    /** @return the keystore that was read */
    public Path keysDir() {
        return keysDir;
    }

    /** @return a sandbox builder for the spec with this key source; set launcher, directory … and start it */
    public SandboxBuilder sandbox() {
        return Sandbox.builder(spec).keySource(keySource);
    }

    /** @return a few lines saying what was imported from where (no secrets) */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        int users = spec.accounts().stream().mapToInt(a -> a.users().size()).sum();
        sb.append("Imported nsc operator [").append(operatorName()).append("] ").append(operatorPublicKey)
                .append('\n');
        sb.append("  store:    ").append(operatorDir).append(indexed ? " (with its nats-sandbox index)" : "")
                .append('\n');
        sb.append("  keystore: ").append(keysDir).append(keystoreLayouts.isEmpty() ? ""
                : " (layout: " + String.join(" and ", keystoreLayouts) + ")").append('\n');
        sb.append("  accounts: ").append(spec.accounts().stream().map(AccountSpec::name).toList())
                .append(", system account [").append(spec.systemAccount()).append("], ").append(users)
                .append(users == 1 ? " user" : " users").append('\n');
        if (!newKeys.isEmpty()) {
            sb.append("  new keys: ").append(newKeys).append('\n');
        }
        sb.append("Warnings: ").append(warnings.isEmpty() ? "none" : warnings.size()).append('\n');
        warnings.forEach(w -> sb.append("  - ").append(w).append('\n'));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "NscEnvironment[operator " + operatorName() + " " + operatorPublicKey + " from " + operatorDir
                + ", " + spec.accounts().size() + " accounts, " + warnings.size() + " warnings]";
    }

    /** Options of an import; {@link #read()} runs it. Mutable; not thread-safe. */
    public static final class Reader {
        private final Path storeDir;
        private Path keysDir;
        private String operator;
        private boolean generateMissingKeys;
        private Clock clock = Clock.systemUTC();

        private Reader(Path storeDir) {
            this.storeDir = Objects.requireNonNull(storeDir, "storeDir");
        }

        /**
         * @param dir the keystore ({@code NKEYS_PATH}); default: the {@code keys} directory next to the stores
         *            directory, where nsc and {@code generate} put it
         * @return this
         */
        public Reader keys(Path dir) {
            this.keysDir = dir;
            return this;
        }

        /**
         * @param name the operator to import when the store holds several
         * @return this
         */
        public Reader operator(String name) {
            this.operator = name;
            return this;
        }

        /**
         * @param allowed whether identities whose signing seed is missing get new keys (reported in
         *                {@link NscEnvironment#newKeys()} and the warnings) instead of failing the import
         * @return this
         */
        public Reader generateMissingKeys(boolean allowed) {
            this.generateMissingKeys = allowed;
            return this;
        }

        /**
         * @param clock what "now" is when deciding whether a JWT has expired
         * @return this
         */
        Reader clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @return the imported environment
         * @throws dev.natssandbox.InvalidInputException when the store cannot be read, names disagree with JWTs,
         *                                               or the claims cannot be expressed as a spec
         * @throws MissingKeysException                  when signing seeds are missing and new keys not allowed
         */
        public NscEnvironment read() {
            return Importer.run(storeDir, keysDir, operator, generateMissingKeys, clock.instant());
        }
    }
}
