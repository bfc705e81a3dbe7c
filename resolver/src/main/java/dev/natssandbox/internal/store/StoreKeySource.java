package dev.natssandbox.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.natssandbox.InvalidInputException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.provision.KeySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reuses the identities of a tree written earlier ({@link NscStore}): the index {@code nats-sandbox.json} maps
 * names to public keys and the keystore holds their seeds. Identities the tree does not have are generated, so a
 * changed spec keeps every existing key (and the creds handed out for them stay valid) while new users get new
 * keys. A tree without an index yields only new keys.
 */
public final class StoreKeySource implements KeySource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StoreLayout layout;
    private final JsonNode index;
    private final KeySource fallback = KeySource.generating();

    private StoreKeySource(StoreLayout layout, JsonNode index) {
        this.layout = layout;
        this.index = index;
    }

    /**
     * @param dir a directory written by {@link NscStore} (or not written yet)
     * @return a key source over it
     * @throws InvalidInputException when the index exists but cannot be read
     */
    public static StoreKeySource of(Path dir) {
        StoreLayout layout = new StoreLayout(dir);
        Path file = layout.index();
        if (!Files.isRegularFile(file)) {
            return new StoreKeySource(layout, JSON.createObjectNode());
        }
        try {
            return new StoreKeySource(layout, JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "cannot read the sandbox index: " + e.getMessage()
                    + "; remove the directory to start with new identities", e);
        }
    }

    /** @return whether the directory held identities to reuse */
    public boolean hasIdentities() {
        return index.has("operator");
    }

    @Override
    public NatsKeyPair operator(String operator) {
        JsonNode op = index.path("operator");
        return op.path("name").asText().equals(operator) ? load(op.path("key").asText(), KeyKind.OPERATOR)
                .orElseGet(() -> fallback.operator(operator)) : fallback.operator(operator);
    }

    @Override
    public NatsKeyPair operatorSigningKey(String operator, int index) {
        JsonNode op = this.index.path("operator");
        JsonNode keys = op.path("signing_keys");
        if (op.path("name").asText().equals(operator) && index < keys.size()) {
            return load(keys.get(index).asText(), KeyKind.OPERATOR)
                    .orElseGet(() -> fallback.operatorSigningKey(operator, index));
        }
        return fallback.operatorSigningKey(operator, index);
    }

    @Override
    public NatsKeyPair account(String account) {
        return load(index.path("accounts").path(account).path("key").asText(), KeyKind.ACCOUNT)
                .orElseGet(() -> fallback.account(account));
    }

    @Override
    public NatsKeyPair accountSigningKey(String account, String keyName) {
        return load(index.path("accounts").path(account).path("signing_keys").path(keyName).asText(),
                KeyKind.ACCOUNT).orElseGet(() -> fallback.accountSigningKey(account, keyName));
    }

    @Override
    public NatsKeyPair user(String account, String user) {
        return load(index.path("accounts").path(account).path("users").path(user).asText(), KeyKind.USER)
                .orElseGet(() -> fallback.user(account, user));
    }

    private Optional<NatsKeyPair> load(String publicKey, KeyKind kind) {
        if (publicKey == null || publicKey.isEmpty() || KeyKind.ofPublicKey(publicKey).orElse(null) != kind) {
            return Optional.empty();
        }
        Path file = layout.seed(publicKey);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        byte[] bytes = null;
        char[] chars = null;
        try {
            bytes = Files.readAllBytes(file);
            chars = new String(bytes, StandardCharsets.US_ASCII).strip().toCharArray();
            NatsKeyPair kp = NatsKeyPair.fromSeed(chars, kind);
            if (!kp.publicKey().equals(publicKey)) {
                throw new InvalidInputException(file.toString(), "seed file does not hold the seed of [" + publicKey
                        + "]; remove the directory to start with new identities", null);
            }
            return Optional.of(kp);
        } catch (IOException e) {
            throw new NatsSandboxException("cannot read seed file [" + file + "]: " + e, e);
        } catch (InvalidInputException e) {
            throw e.where() != null ? e : new InvalidInputException(file.toString(), e.getMessage(), e);
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
            if (chars != null) {
                Arrays.fill(chars, '\0');
            }
        }
    }
}
