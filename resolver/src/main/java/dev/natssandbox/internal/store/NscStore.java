package dev.natssandbox.internal.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.InvalidInputException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.internal.config.ServerConfig;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.internal.util.Parallel;
import dev.natssandbox.internal.util.SecureFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Writes a {@link Hierarchy} to disk as an nsc-compatible store and keystore plus a server configuration (see
 * {@link StoreLayout}). Writing is all or nothing: the tree is built in a private staging directory next to the
 * target and moved into place in one step, so on any error nothing is left behind. Directories are 0700, every
 * file 0600.
 */
public final class NscStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NscStore() {
    }

    /**
     * Writes the hierarchy and the given server configuration into {@code dir}, which must not exist or be empty.
     *
     * @param hierarchy    what to write
     * @param serverConfig the server configuration text for {@code server.conf}
     * @param dir          the target directory
     * @return the layout of the written tree
     * @throws InvalidInputException when {@code dir} exists and is not an empty directory
     */
    public static StoreLayout write(Hierarchy hierarchy, String serverConfig, Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        checkTarget(target);
        Path parent = target.getParent();
        SecureFiles.createPrivateDirectories(parent);
        Staging staging = Staging.create(parent);
        try {
            // Never recreating the staging root: a claimed staging directory stays gone (see Staging).
            writeTree(hierarchy, serverConfig, new StoreLayout(staging.dir()), new Dirs(staging.dir()));
            boolean moved = staging.moveIntoPlace(() -> {
                if (Files.isDirectory(target)) {
                    Files.delete(target); // empty, checked above; the rename below needs the name free
                }
                try {
                    Files.move(staging.dir(), target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(staging.dir(), target);
                }
            });
            if (!moved) {
                throw new NatsSandboxException("writing [" + target + "] was stopped: the JVM is shutting down; "
                        + "nothing was written");
            }
            return new StoreLayout(target);
        } catch (IOException e) {
            throw new NatsSandboxException("cannot write [" + target + "]: " + e, e);
        } finally {
            staging.close();
        }
    }

    /**
     * Writes the hierarchy with a memory-resolver configuration made from its spec.
     *
     * @param hierarchy what to write
     * @param dir       the target directory, which must not exist or be empty
     * @return the layout of the written tree
     */
    public static StoreLayout write(Hierarchy hierarchy, Path dir) {
        return write(hierarchy, ServerConfig.builder(hierarchy).render(), dir);
    }

    private static void checkTarget(Path target) {
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new InvalidInputException("output [" + target + "] is a file; give a directory that does not "
                        + "exist yet or is empty");
            }
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new InvalidInputException("output directory [" + target + "] is not empty; choose a new "
                            + "directory or remove this one first");
                }
            } catch (IOException e) {
                throw new NatsSandboxException("cannot read [" + target + "]: " + e, e);
            }
        }
    }

    /**
     * Writes the tree into an existing private directory (no staging). Existing files are replaced.
     *
     * @param hierarchy    what to write
     * @param serverConfig the server configuration text, or {@code null} to leave {@code server.conf} alone
     * @param layout       where to write
     */
    public static void writeTree(Hierarchy hierarchy, String serverConfig, StoreLayout layout) {
        writeTree(hierarchy, serverConfig, layout, new Dirs(null));
    }

    private static void writeTree(Hierarchy hierarchy, String serverConfig, StoreLayout layout, Dirs dirs) {
        String op = hierarchy.operator().name();
        if (serverConfig != null) {
            write(layout.serverConf(), serverConfig, dirs);
        }
        write(layout.index(), index(hierarchy), dirs);
        write(layout.operatorDir(op).resolve(".nsc"),
                "{\"managed\":false,\"name\":" + jsonString(op) + ",\"kind\":\"operator\",\"version\":\"1\"}", dirs);
        write(layout.operatorJwt(op), hierarchy.operator().jwt(), dirs);
        seed(layout, hierarchy.operator().keyPair(), dirs);
        hierarchy.operator().signingKeys().forEach(k -> seed(layout, k, dirs));
        // Accounts are independent subtrees: write them in parallel (thousands of small files).
        Parallel.forEach(hierarchy.accounts(), a -> {
            write(layout.accountJwt(op, a.name()), a.jwt(), dirs);
            seed(layout, a.keyPair(), dirs);
            a.signingKeys().values().forEach(k -> seed(layout, k, dirs));
            dirs.ensure(layout.accountDir(op, a.name()).resolve("users"));
            for (UserIdentity u : a.users()) {
                writeUser(layout, op, a.name(), u, dirs);
            }
        });
    }

    /**
     * Brings an existing tree in line with a (changed) hierarchy: writes every file and removes the JWTs, seeds
     * and creds of identities that are gone, so creds handed out for removed users vanish.
     *
     * @param hierarchy    the current hierarchy
     * @param serverConfig the server configuration text, or {@code null} to leave {@code server.conf} alone
     * @param layout       the tree
     */
    public static void update(Hierarchy hierarchy, String serverConfig, StoreLayout layout) {
        writeTree(hierarchy, serverConfig, layout);
        java.util.Set<Path> expected = new java.util.HashSet<>(files(hierarchy, layout));
        for (Path root : List.of(layout.stores(), layout.keys())) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                List<Path> all = walk.sorted(java.util.Comparator.reverseOrder()).toList();
                for (Path p : all) {
                    if (Files.isRegularFile(p) && !expected.contains(p)) {
                        Files.delete(p);
                    } else if (Files.isDirectory(p) && !p.equals(root) && !p.getFileName().toString().equals("users")
                            && !p.getFileName().toString().equals("accounts") && isEmpty(p)) {
                        Files.delete(p);
                    }
                }
            } catch (IOException e) {
                throw new NatsSandboxException("cannot update [" + root + "]: " + e, e);
            }
        }
    }

    /**
     * Brings a tree written for {@code previous} in line with {@code next}, touching only what changed: files of
     * new or re-issued identities are written, files of removed ones deleted. Cost is proportional to the change,
     * not to the number of accounts, which matters when a long-running server gets an account per test.
     *
     * @param previous     what the tree holds now, or {@code null} to write everything
     * @param next         what it should hold
     * @param serverConfig the server configuration text, or {@code null} to leave {@code server.conf} alone
     * @param layout       the tree
     */
    public static void sync(Hierarchy previous, Hierarchy next, String serverConfig, StoreLayout layout) {
        if (previous == null || !previous.operator().name().equals(next.operator().name())) {
            update(next, serverConfig, layout);
            return;
        }
        String op = next.operator().name();
        Dirs dirs = new Dirs(null);
        if (serverConfig != null) {
            write(layout.serverConf(), serverConfig, dirs);
        }
        write(layout.index(), index(next), dirs);
        if (!previous.operator().jwt().equals(next.operator().jwt())) {
            write(layout.operatorJwt(op), next.operator().jwt(), dirs);
            seed(layout, next.operator().keyPair(), dirs);
            next.operator().signingKeys().forEach(k -> seed(layout, k, dirs));
        }
        for (AccountIdentity a : next.accounts()) {
            var before = previous.findAccount(a.name());
            if (before.isEmpty() || !before.get().jwt().equals(a.jwt())
                    || !before.get().signingKeys().equals(a.signingKeys())) {
                write(layout.accountJwt(op, a.name()), a.jwt(), dirs);
                seed(layout, a.keyPair(), dirs);
                a.signingKeys().values().forEach(k -> seed(layout, k, dirs));
                dirs.ensure(layout.accountDir(op, a.name()).resolve("users"));
            }
            for (UserIdentity u : a.users()) {
                var old = before.flatMap(b -> b.findUser(u.name()));
                if (old.isEmpty() || !old.get().jwt().equals(u.jwt())) {
                    writeUser(layout, op, a.name(), u, dirs);
                }
            }
            before.ifPresent(b -> b.users().stream().filter(u -> a.findUser(u.name()).isEmpty())
                    .forEach(u -> deleteUser(layout, op, a.name(), u)));
        }
        for (AccountIdentity a : previous.accounts()) {
            if (next.findAccount(a.name()).isEmpty()) {
                a.users().forEach(u -> deleteUser(layout, op, a.name(), u));
                deleteQuietly(layout.seed(a.publicKey()));
                a.signingKeys().values().forEach(k -> deleteQuietly(layout.seed(k.publicKey())));
                SecureFiles.deleteRecursively(layout.accountDir(op, a.name()));
                SecureFiles.deleteRecursively(layout.creds(op, a.name(), "x").getParent());
            }
        }
    }

    private static void writeUser(StoreLayout layout, String op, String account, UserIdentity u,
                                  Dirs dirs) {
        write(layout.userJwt(op, account, u.name()), u.jwt(), dirs);
        seed(layout, u.keyPair(), dirs);
        byte[] creds = u.creds().toBytes();
        try {
            writeBytes(layout.creds(op, account, u.name()), creds, dirs);
        } finally {
            Arrays.fill(creds, (byte) 0);
        }
    }

    private static void deleteUser(StoreLayout layout, String op, String account, UserIdentity u) {
        deleteQuietly(layout.userJwt(op, account, u.name()));
        deleteQuietly(layout.seed(u.publicKey()));
        deleteQuietly(layout.creds(op, account, u.name()));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new NatsSandboxException("cannot delete [" + file + "]: " + e, e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /**
     * @param hierarchy a hierarchy
     * @param layout    a tree
     * @return every file {@link #writeTree} writes for the hierarchy under {@code stores/} and {@code keys/}
     */
    static List<Path> files(Hierarchy hierarchy, StoreLayout layout) {
        String op = hierarchy.operator().name();
        List<Path> out = new ArrayList<>();
        out.add(layout.operatorDir(op).resolve(".nsc"));
        out.add(layout.operatorJwt(op));
        out.add(layout.seed(hierarchy.operator().publicKey()));
        hierarchy.operator().signingKeys().forEach(k -> out.add(layout.seed(k.publicKey())));
        for (AccountIdentity a : hierarchy.accounts()) {
            out.add(layout.accountJwt(op, a.name()));
            out.add(layout.seed(a.publicKey()));
            a.signingKeys().values().forEach(k -> out.add(layout.seed(k.publicKey())));
            for (UserIdentity u : a.users()) {
                out.add(layout.userJwt(op, a.name(), u.name()));
                out.add(layout.seed(u.publicKey()));
                out.add(layout.creds(op, a.name(), u.name()));
            }
        }
        return out;
    }

    private static void seed(StoreLayout layout, NatsKeyPair key, Dirs dirs) {
        char[] seed = key.seed();
        byte[] bytes = new byte[seed.length];
        for (int i = 0; i < seed.length; i++) {
            bytes[i] = (byte) seed[i];
        }
        Arrays.fill(seed, '\0');
        try {
            writeBytes(layout.seed(key.publicKey()), bytes, dirs);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static void write(Path file, String content, Dirs dirs) {
        writeBytes(file, content.getBytes(StandardCharsets.UTF_8), dirs);
    }

    private static void writeBytes(Path file, byte[] content, Dirs dirs) {
        Path dir = file.getParent();
        dirs.ensure(dir);
        if (Files.exists(file)) {
            SecureFiles.writeSecret(file, content);
        } else {
            SecureFiles.writeNewPrivateFile(file, content);
        }
    }

    /** The index: names to public keys, so a later run can reuse the identities (no secrets in it). */
    static String index(Hierarchy h) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        ObjectNode op = root.putObject("operator");
        op.put("name", h.operator().name());
        op.put("key", h.operator().publicKey());
        var sk = op.putArray("signing_keys");
        h.operator().signingKeys().forEach(k -> sk.add(k.publicKey()));
        root.put("system_account", h.spec().systemAccount());
        ObjectNode accounts = root.putObject("accounts");
        for (AccountIdentity a : h.accounts()) {
            ObjectNode an = accounts.putObject(a.name());
            an.put("key", a.publicKey());
            ObjectNode ask = an.putObject("signing_keys");
            a.signingKeys().forEach((name, key) -> ask.put(name, key.publicKey()));
            ObjectNode users = an.putObject("users");
            a.users().forEach(u -> users.put(u.name(), u.publicKey()));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new NatsSandboxException("cannot render the store index: " + e, e);
        }
    }

    private static String jsonString(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new NatsSandboxException("cannot render [" + s + "]: " + e, e);
        }
    }

    /**
     * The directories written so far. Under a staging root it never makes the root itself: once a shutdown hook has
     * claimed the staging directory, writers still running fail instead of bringing it back.
     */
    private static final class Dirs {
        private final Path root;
        private final Map<Path, Boolean> made = new ConcurrentHashMap<>();

        Dirs(Path root) {
            this.root = root;
        }

        void ensure(Path dir) {
            // computeIfAbsent blocks other writers to the same directory until it exists.
            made.computeIfAbsent(dir, d -> {
                if (root == null) {
                    SecureFiles.createPrivateDirectories(d);
                } else {
                    SecureFiles.createPrivateDirectoriesUnder(root, d);
                }
                return Boolean.TRUE;
            });
        }
    }
}
