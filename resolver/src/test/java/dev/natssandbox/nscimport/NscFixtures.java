package dev.natssandbox.nscimport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.KeySource;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.internal.store.NscStore;
import dev.natssandbox.internal.store.StoreLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Consumer;

/** Builds nsc environments on disk from provisioned hierarchies, in the current and the old layout. */
final class NscFixtures {
    /** Issue time of fixture JWTs: in the past, so that a sandbox re-issuing them now makes different tokens. */
    static final Clock ISSUED = Clock.fixed(Instant.parse("2024-03-01T12:00:00Z"), ZoneOffset.UTC);

    private static final ObjectMapper JSON = new ObjectMapper();

    private NscFixtures() {
    }

    /** The seed walkthrough's users, plus a service across accounts and a scoped signing key. */
    static SandboxSpec seedSpec() {
        return SandboxSpec.operator("Test")
                .account("Billing", a -> a.exportService("billing.>")
                        .user("biller", u -> u.allowSub("billing.>")))
                .account("TestAccount", a -> a
                        .importService("Billing", "billing.>")
                        .user("TestUser")
                        .user("TestService", u -> u.allowPub("_INBOX.>").allowSub("req.a"))
                        .user("TestClient", u -> u.allowPub("req.a", "billing.>").allowSub("_INBOX.>")))
                .build();
    }

    /**
     * @param spec what to provision
     * @param dir  where to write it, as {@code generate} does
     * @return the hierarchy written
     */
    static Hierarchy generate(SandboxSpec spec, Path dir) {
        Hierarchy h = Provisioner.provision(spec, KeySource.generating(), ISSUED);
        NscStore.write(h, dir);
        return h;
    }

    /**
     * Writes a hierarchy in the layout nsc used before its keystore moved: JWTs in {@code <root>/nats/<op>/…} (what
     * was {@code ~/.nsc/nats}), seeds and creds named after their identities in {@code <nkeys>/<op>/…} (what was
     * {@code ~/.nkeys}). Signing keys, which have no fixed name there, go under {@code signing/}; users have their
     * seed only in their creds file when {@code credsOnly}.
     */
    static void writeOld(Hierarchy h, Path root, Path nkeys, boolean credsOnly) {
        String op = h.operator().name();
        Path opDir = root.resolve("nats").resolve(op);
        write(opDir.resolve(".nsc"), "{\"managed\":false,\"name\":\"" + op
                + "\",\"kind\":\"operator\",\"version\":\"1\"}");
        write(opDir.resolve(op + ".jwt"), h.operator().jwt());
        Path keys = nkeys.resolve(op);
        seed(keys.resolve(op + ".nk"), h.operator().keyPair());
        h.operator().signingKeys().forEach(k -> seed(keys.resolve("signing").resolve(k.publicKey() + ".nk"), k));
        for (AccountIdentity a : h.accounts()) {
            Path accountDir = opDir.resolve("accounts").resolve(a.name());
            write(accountDir.resolve(a.name() + ".jwt"), a.jwt());
            Path accountKeys = keys.resolve("accounts").resolve(a.name());
            seed(accountKeys.resolve(a.name() + ".nk"), a.keyPair());
            a.signingKeys().forEach((n, k) -> seed(accountKeys.resolve("signing").resolve(n + ".nk"), k));
            for (UserIdentity u : a.users()) {
                write(accountDir.resolve("users").resolve(u.name() + ".jwt"), u.jwt());
                if (!credsOnly) {
                    seed(accountKeys.resolve("users").resolve(u.name() + ".nk"), u.keyPair());
                }
                u.creds().write(accountKeys.resolve("users").resolve(u.name() + ".creds"));
            }
        }
    }

    /** @return the layout of a directory written by {@link #generate} */
    static StoreLayout layout(Path dir) {
        return new StoreLayout(dir);
    }

    /**
     * Re-signs a JWT file with an edited payload (issuer set to the signer), to give a store claims the library
     * itself never writes.
     *
     * @param file   a JWT file
     * @param signer its issuer's key
     * @param edit   changes to the payload
     */
    static void rewrite(Path file, NatsKeyPair signer, Consumer<ObjectNode> edit) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            ObjectNode node = (ObjectNode) JSON.readTree(payload);
            edit.accept(node);
            node.put("iss", signer.publicKey());
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String input = b64.encodeToString(Jwts.HEADER_JSON.getBytes(StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(JSON.writeValueAsBytes(node));
            Files.writeString(file, input + "." + b64.encodeToString(signer.sign(
                    input.getBytes(StandardCharsets.US_ASCII))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void seed(Path file, NatsKeyPair key) {
        char[] seed = key.seed();
        try {
            write(file, new String(seed));
        } finally {
            Arrays.fill(seed, '\0');
        }
    }
}
