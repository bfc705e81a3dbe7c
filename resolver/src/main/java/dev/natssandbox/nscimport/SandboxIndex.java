package dev.natssandbox.nscimport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.natssandbox.internal.store.StoreLayout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index {@code nats-sandbox.json} that {@code generate} and sandbox directories keep next to {@code stores/}:
 * names to public keys, in spec order. nsc stores do not have one. When present and written for the same operator,
 * it gives back what JWTs do not hold: the names of unscoped signing keys and the order of accounts, users and
 * signing keys in the spec.
 */
final class SandboxIndex {
    /** No index: names and order come from the store alone. */
    static final SandboxIndex NONE = new SandboxIndex(null);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;

    private SandboxIndex(JsonNode root) {
        this.root = root;
    }

    /**
     * @param operatorDir the operator's store directory ({@code DIR/stores/<operator>})
     * @param operatorKey the operator's public key
     * @return the index of {@code DIR}, or {@link #NONE} when there is none, it cannot be read, or it was written for
     *         another operator
     */
    static SandboxIndex near(Path operatorDir, String operatorKey) {
        Path stores = operatorDir.getParent();
        Path dir = stores == null ? null : stores.getParent();
        if (dir == null) {
            return NONE;
        }
        Path file = dir.resolve(StoreLayout.INDEX);
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            boolean same = root != null && root.path("operator").path("key").asText("").equals(operatorKey)
                    && root.path("operator").path("name").asText("").equals(operatorDir.getFileName().toString());
            return same ? new SandboxIndex(root) : NONE;
        } catch (IOException e) {
            return NONE; // only a naming aid: without it the import still has every name it needs
        }
    }

    /** @return whether an index was found */
    boolean present() {
        return root != null;
    }

    /** @return account names in spec order */
    List<String> accounts() {
        return fieldNames(root == null ? null : root.path("accounts"));
    }

    /**
     * @param account an account
     * @return its users in spec order
     */
    List<String> users(String account) {
        return fieldNames(root == null ? null : root.path("accounts").path(account).path("users"));
    }

    /**
     * @param account an account
     * @return its signing keys' names to public keys, in spec order
     */
    Map<String, String> signingKeys(String account) {
        Map<String, String> out = new LinkedHashMap<>();
        if (root != null) {
            root.path("accounts").path(account).path("signing_keys").fields()
                    .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText("")));
        }
        return out;
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isObject()) {
            n.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    /**
     * @param names   names to order
     * @param ordered the index's order
     * @return {@code names} with those the index lists first, in its order, then the rest in their given order
     */
    static List<String> order(List<String> names, List<String> ordered) {
        List<String> out = new ArrayList<>();
        ordered.stream().filter(names::contains).forEach(out::add);
        names.stream().filter(n -> !out.contains(n)).forEach(out::add);
        return out;
    }
}
