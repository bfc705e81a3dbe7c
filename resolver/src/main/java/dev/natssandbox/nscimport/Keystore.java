package dev.natssandbox.nscimport;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.creds.Creds;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.internal.store.StoreLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The seeds of an nsc keystore ({@code NKEYS_PATH}), in both layouts nsc has used:
 *
 * <pre>
 * current: KEYS/keys/&lt;first char&gt;/&lt;chars 2-3&gt;/&lt;public key&gt;.nk
 *          KEYS/creds/&lt;operator&gt;/&lt;account&gt;/&lt;user&gt;.creds
 * old:     KEYS/&lt;operator&gt;/&lt;operator&gt;.nk
 *          KEYS/&lt;operator&gt;/accounts/&lt;account&gt;/&lt;account&gt;.nk
 *          KEYS/&lt;operator&gt;/accounts/&lt;account&gt;/users/&lt;user&gt;.nk and &lt;user&gt;.creds
 * </pre>
 *
 * A key is looked for at the paths its identity has in either layout; when it is at none of them, every
 * {@code *.nk} and {@code *.creds} file under the keystore is read once and matched by public key, as nsc's own
 * keystore migration does (it also finds signing keys, which have no fixed name in the old layout). Not
 * thread-safe; used while importing only.
 */
final class Keystore {
    private final Path dir;
    private final String operator;
    private Map<String, Path> scanned;
    private int scannedFiles;
    private final List<Path> unreadable = new ArrayList<>();

    Keystore(Path dir, String operator) {
        this.dir = dir;
        this.operator = operator;
    }

    /** @return whether the keystore has the current layout's {@code keys/} or {@code creds/} directory */
    boolean hasCurrentLayout() {
        return Files.isDirectory(dir.resolve("keys")) || Files.isDirectory(dir.resolve("creds"));
    }

    /** @return whether the keystore has the old layout's {@code <operator>/} directory */
    boolean hasOldLayout() {
        return Files.isDirectory(dir.resolve(operator));
    }

    /** @return the old layout's operator seed file */
    Path oldOperatorSeed() {
        return dir.resolve(operator).resolve(operator + ".nk");
    }

    /**
     * @param account an account name
     * @return the old layout's account seed file
     */
    Path oldAccountSeed(String account) {
        return oldAccountDir(account).resolve(account + ".nk");
    }

    /**
     * @param account an account
     * @param user a user
     * @return the old layout's user seed file
     */
    Path oldUserSeed(String account, String user) {
        return oldAccountDir(account).resolve("users").resolve(user + ".nk");
    }

    /**
     * @param account an account
     * @param user a user
     * @return the old layout's creds file
     */
    Path oldUserCreds(String account, String user) {
        return oldAccountDir(account).resolve("users").resolve(user + ".creds");
    }

    /**
     * @param account an account
     * @param user a user
     * @return the current layout's creds file
     */
    Path currentUserCreds(String account, String user) {
        return dir.resolve("creds").resolve(operator).resolve(account).resolve(user + ".creds");
    }

    private Path oldAccountDir(String account) {
        return dir.resolve(operator).resolve("accounts").resolve(account);
    }

    /**
     * @param publicKey  the key whose seed is wanted
     * @param kind       its kind
     * @param candidates the paths the identity's seed has in the old layout (seed or creds files), tried after the
     *                   current layout's path and before the scan
     * @param tried      receives a description of every place looked at
     * @return the key pair, when the keystore has its seed
     */
    Optional<NatsKeyPair> find(String publicKey, KeyKind kind, List<Path> candidates, List<String> tried) {
        List<Path> paths = new ArrayList<>();
        paths.add(StoreLayout.seedIn(dir, publicKey));
        paths.addAll(candidates);
        for (Path p : paths) {
            if (!Files.isRegularFile(p)) {
                tried.add(p + " (no such file)");
                continue;
            }
            Optional<NatsKeyPair> key = load(p, kind);
            if (key.isEmpty()) {
                tried.add(p + " (not a " + kind.label() + " seed or creds file)");
            } else if (!key.get().publicKey().equals(publicKey)) {
                tried.add(p + " (holds the seed of another key, [" + key.get().publicKey() + "])");
            } else {
                return key;
            }
        }
        Path found = scan().get(publicKey);
        tried.add("every *.nk and *.creds file under " + dir + " (" + scannedFiles + " read"
                + (unreadable.isEmpty() ? "" : ", " + unreadable.size() + " not a seed or creds file: " + unreadable)
                + ")");
        return found == null ? Optional.empty() : load(found, kind).filter(k -> k.publicKey().equals(publicKey));
    }

    private Map<String, Path> scan() {
        if (scanned != null) {
            return scanned;
        }
        scanned = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return scanned;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".nk") || n.endsWith(".creds");
            }).sorted().toList();
        } catch (IOException e) {
            throw new NatsSandboxException("cannot read keystore [" + dir + "]: " + e, e);
        }
        for (Path f : files) {
            scannedFiles++;
            Optional<NatsKeyPair> key = load(f, null);
            if (key.isEmpty()) {
                unreadable.add(f);
            } else {
                scanned.putIfAbsent(key.get().publicKey(), f);
            }
        }
        return scanned;
    }

    /** Reads a seed file or the seed of a creds file; empty when the file holds neither (of the kind). */
    private static Optional<NatsKeyPair> load(Path file, KeyKind kind) {
        if (file.getFileName().toString().endsWith(".creds")) {
            if (kind != null && kind != KeyKind.USER) {
                return Optional.empty();
            }
            try {
                return Optional.of(Creds.read(file).keyPair());
            } catch (InvalidInputException e) {
                return Optional.empty();
            }
        }
        byte[] bytes = null;
        char[] chars = null;
        try {
            bytes = Files.readAllBytes(file);
            chars = new char[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                chars[i] = (char) (bytes[i] & 0xff); // seeds are ASCII; no String, so the copy can be wiped
            }
            return Optional.of(NatsKeyPair.fromSeed(chars, kind));
        } catch (IOException e) {
            throw new NatsSandboxException("cannot read seed file [" + file + "]: " + e, e);
        } catch (InvalidInputException e) {
            return Optional.empty();
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
