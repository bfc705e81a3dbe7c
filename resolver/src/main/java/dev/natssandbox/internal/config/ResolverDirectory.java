package dev.natssandbox.internal.config;

import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.internal.util.SecureFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The directory of a NATS-based resolver, filled the way nats-server's own store ({@code server/dirstore.go},
 * unsharded as both the full and the cache resolver use it) keeps it: one file {@code <account public key>.jwt}
 * holding the account JWT, nothing else. A directory filled before start is read at start, so the server knows
 * every account without a push.
 */
public final class ResolverDirectory {
    /** The extension nats-server gives every stored JWT. */
    public static final String EXTENSION = ".jwt";

    private ResolverDirectory() {
    }

    /**
     * Writes every account of a hierarchy, the system account included (directory 0700, files 0600).
     *
     * @param hierarchy the accounts
     * @param directory the resolver directory; created when missing
     */
    public static void write(Hierarchy hierarchy, Path directory) {
        SecureFiles.createPrivateDirectories(directory);
        for (AccountIdentity a : hierarchy.accounts()) {
            SecureFiles.writeSecret(file(directory, a.publicKey()), a.jwt().getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * @param directory  the resolver directory
     * @param accountKey an account public key
     * @return where nats-server keeps that account's JWT
     */
    public static Path file(Path directory, String accountKey) {
        return directory.resolve(accountKey + EXTENSION);
    }
}
