package dev.natssandbox.nscimport;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a store, maps its claims and finds every key's seed; what {@link NscEnvironment.Reader#read()} runs. */
final class Importer {
    private final Keystore keystore;
    private final Path keysDir;
    private final boolean generateMissing;
    private final List<MissingKeysException.MissingKey> missing = new ArrayList<>();
    private final List<ImportWarning> warnings = new ArrayList<>();
    private final List<String> newKeys = new ArrayList<>();

    private Importer(Keystore keystore, Path keysDir, boolean generateMissing) {
        this.keystore = keystore;
        this.keysDir = keysDir;
        this.generateMissing = generateMissing;
    }

    static NscEnvironment run(Path storeDir, Path keysDir, String operatorName, boolean generateMissing,
                              Instant now) {
        Path operatorDir = StoreTree.locateOperatorDir(storeDir, operatorName);
        Path keys = keysDir(operatorDir, keysDir);
        StoreTree tree = StoreTree.read(operatorDir);
        SandboxIndex index = SandboxIndex.near(operatorDir, tree.operator().publicKey());
        SpecMapper.Result mapped = SpecMapper.map(tree, index, now);

        String op = tree.operator().name();
        Keystore keystore = new Keystore(keys, op);
        Importer importer = new Importer(keystore, keys, generateMissing);
        importer.warnings.addAll(tree.warnings());
        importer.warnings.addAll(mapped.warnings());
        ImportedKeySource source = importer.keySource(op, mapped.identities());
        if (!importer.missing.isEmpty()) {
            throw new MissingKeysException(keys, importer.missing);
        }
        List<String> newKeys = new ArrayList<>(importer.newKeys);
        newKeys.addAll(mapped.added());
        List<String> layouts = new ArrayList<>();
        if (keystore.hasCurrentLayout()) {
            layouts.add("current (keys/, creds/)");
        }
        if (keystore.hasOldLayout()) {
            layouts.add("old (" + op + "/…)");
        }
        return new NscEnvironment(mapped.spec(), source, importer.warnings, newKeys, operatorDir, keys,
                tree.operator().publicKey(), layouts, index.present());
    }

    /** Without a keystore given, the {@code keys} directory next to the stores, where nsc and generate put it. */
    private static Path keysDir(Path operatorDir, Path given) {
        if (given != null) {
            Path k = given.toAbsolutePath().normalize();
            if (!Files.isDirectory(k)) {
                throw new InvalidInputException("nsc keystore [" + k + "] does not exist or is not a directory; give "
                        + "the directory NKEYS_PATH names ('nsc env' shows it as 'Keys Dir')");
            }
            return k;
        }
        Path sibling = operatorDir.getParent().resolveSibling("keys");
        if (!Files.isDirectory(sibling)) {
            throw new InvalidInputException("no nsc keystore given, and [" + sibling + "] next to the stores does not "
                    + "exist; give the directory NKEYS_PATH names ('nsc env' shows it as 'Keys Dir'; CLI: "
                    + "--nsc-keys DIR)");
        }
        return sibling;
    }

    private ImportedKeySource keySource(String op, SpecMapper.Identities ids) {
        NatsKeyPair operator = key("operator [" + op + "]", ids.operator(), KeyKind.OPERATOR,
                List.of(keystore.oldOperatorSeed()), true);
        List<NatsKeyPair> operatorSigning = new ArrayList<>();
        for (int i = 0; i < ids.operatorSigningKeys().size(); i++) {
            operatorSigning.add(key("operator [" + op + "] signing key " + (i + 1), ids.operatorSigningKeys().get(i),
                    KeyKind.OPERATOR, List.of(), true));
        }
        Map<String, NatsKeyPair> accounts = new LinkedHashMap<>();
        Map<String, Map<String, NatsKeyPair>> accountSigning = new LinkedHashMap<>();
        Map<String, Map<String, NatsKeyPair>> users = new LinkedHashMap<>();
        ids.accounts().forEach((a, pk) -> {
            accounts.put(a, key("account [" + a + "]", pk, KeyKind.ACCOUNT, List.of(keystore.oldAccountSeed(a)),
                    true));
            Map<String, NatsKeyPair> sks = new LinkedHashMap<>();
            ids.accountSigningKeys().get(a).forEach((n, k) -> sks.put(n, key("account [" + a + "] signing key [" + n
                    + "]", k, KeyKind.ACCOUNT, List.of(), true)));
            accountSigning.put(a, sks);
            Map<String, NatsKeyPair> us = new LinkedHashMap<>();
            ids.users().get(a).forEach((u, k) -> us.put(u, key("user [" + a + "/" + u + "]", k, KeyKind.USER,
                    List.of(keystore.oldUserSeed(a, u), keystore.currentUserCreds(a, u), keystore.oldUserCreds(a, u)),
                    false)));
            users.put(a, us);
        });
        return missing.isEmpty() ? new ImportedKeySource(op, operator, operatorSigning, accounts, accountSigning,
                users) : null;
    }

    /**
     * @param signs whether the key signs JWTs the sandbox re-issues; such a key is required unless new keys are
     *              allowed, while a user key without seed always gets a new key (nobody here could use the old one)
     */
    private NatsKeyPair key(String identity, String publicKey, KeyKind kind, List<Path> oldPaths, boolean signs) {
        List<String> tried = new ArrayList<>();
        var found = keystore.find(publicKey, kind, oldPaths, tried);
        if (found.isPresent()) {
            return found.get();
        }
        if (signs && !generateMissing) {
            missing.add(new MissingKeysException.MissingKey(identity, publicKey, tried));
            return null;
        }
        NatsKeyPair fresh = NatsKeyPair.generate(kind);
        newKeys.add(identity);
        warnings.add(new ImportWarning(identity, "the keystore [" + keysDir + "] has no seed for [" + publicKey
                + "]; the sandbox uses the new key [" + fresh.publicKey() + "]"
                + (kind == KeyKind.USER ? ", so creds for the old key do not connect"
                : ", so creds issued elsewhere under the old key do not work with the sandbox")));
        return fresh;
    }
}
