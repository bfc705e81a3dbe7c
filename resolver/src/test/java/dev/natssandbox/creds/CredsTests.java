package dev.natssandbox.creds;

import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.jwt.UserClaims;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import io.nats.client.AuthHandler;
import io.nats.client.Nats;
import io.nats.client.impl.MemoryAuthHandler;
import io.nats.client.support.JwtUtils;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static dev.natssandbox.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CredsTests {
    private static final byte[] NONCE = "server-nonce".getBytes(StandardCharsets.US_ASCII);

    private final NatsKeyPair account = NatsKeyPair.generate(KeyKind.ACCOUNT);
    private final NatsKeyPair user = NatsKeyPair.generate(KeyKind.USER);
    private final String seed = new String(user.seed());
    private final String jwt = userJwt(user);

    private String userJwt(NatsKeyPair u) {
        return Jwts.encode(Jwts.Standard.of(u.publicKey(), "alice"), UserClaims.builder().build(), account);
    }

    @Test
    void formatIsByteIdenticalToJnats() {
        String expected = String.format(JwtUtils.NATS_USER_JWT_FORMAT, jwt, seed);
        Creds creds = Creds.of(jwt, user);

        assertEquals(expected, new String(creds.format()));
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), creds.toBytes());
    }

    @Test
    void parsesWhatItFormats() {
        Creds creds = Creds.of(jwt, user);
        Creds parsed = Creds.parse(new String(creds.format()), "mem");

        assertEquals(jwt, parsed.jwt());
        assertEquals(user.publicKey(), parsed.userPublicKey());
        assertArrayEquals(user.seed(), parsed.seed());
        assertEquals(user, parsed.keyPair());
    }

    @Test
    void parsesWindowsLineEndingsAndSurroundingText() {
        String text = "some notes\r\n" + new String(Creds.of(jwt, user).format()).replace("\n", "\r\n");
        assertEquals(user.publicKey(), Creds.parse(text, null).userPublicKey());
    }

    @Test
    void jnatsReadsOurCredsAndSignsWithOurKey() throws Exception {
        byte[] bytes = Creds.of(jwt, user).toBytes();
        for (AuthHandler handler : new AuthHandler[]{new MemoryAuthHandler(bytes), Nats.staticCredentials(bytes)}) {
            assertEquals(jwt, new String(handler.getJWT()));
            assertEquals(user.publicKey(), new String(handler.getID()));
            assertTrue(NatsKeyPair.verify(user.publicKey(), NONCE, handler.sign(NONCE)));
        }
    }

    @Test
    void jnatsReadsOurCredsFile(@TempDir Path dir) {
        Path file = Creds.of(jwt, user).write(dir.resolve("alice.creds"));
        AuthHandler handler = Nats.credentials(file.toString());

        assertEquals(jwt, new String(handler.getJWT()));
        assertTrue(NatsKeyPair.verify(user.publicKey(), NONCE, handler.sign(NONCE)));
    }

    @Test
    void writesTheFileWithMode0600InDirectoriesOfMode0700(@TempDir Path dir) throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path file = dir.resolve("a/b/alice.creds");

        Creds.of(jwt, user).write(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))));
        assertEquals(String.format(JwtUtils.NATS_USER_JWT_FORMAT, jwt, seed), Files.readString(file));
        assertEquals(user.publicKey(), Creds.read(file).userPublicKey());
        try (var listing = Files.list(dir.resolve("a/b"))) {
            assertEquals(1, listing.count(), "no temporary file left behind");
        }
    }

    @Test
    void overwritingKeepsMode0600(@TempDir Path dir) throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path file = dir.resolve("alice.creds");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        Creds.of(jwt, user).write(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void toStringShowsTheUserButNeverTheSeed() {
        Creds creds = Creds.of(jwt, user);
        assertEquals("Creds[user " + user.publicKey() + ", seed=<redacted>]", creds.toString());
        assertNoSecret(seed, creds.toString());
    }

    @Nested
    class Failures {
        private String credsText(String token, String seedText) {
            return String.format(JwtUtils.NATS_USER_JWT_FORMAT, token, seedText);
        }

        private CredsFormatException fails(String text, String secret) {
            CredsFormatException e = assertThrows(CredsFormatException.class, () -> Creds.parse(text, "x.creds"));
            assertEquals("x.creds", e.where());
            assertTrue(e.getMessage().startsWith("x.creds: "), e.getMessage());
            assertNoSecret(secret, e);
            assertNoSecret(seed, e);
            return e;
        }

        @Test
        void noJwtBlock() {
            assertEquals("x.creds: no JWT block found; a creds file starts with -----BEGIN NATS USER JWT-----",
                    fails("just text\n", seed).getMessage());
        }

        @Test
        void noSeedBlock() {
            String text = "-----BEGIN NATS USER JWT-----\n" + jwt + "\n------END NATS USER JWT------\n";
            assertEquals("x.creds: no seed block found; a creds file has a -----BEGIN USER NKEY SEED----- block after "
                    + "the JWT", fails(text, seed).getMessage());
        }

        @Test
        void anAccountJwt() {
            String accountJwt = Jwts.encode(Jwts.Standard.of(account.publicKey(), "A"), AccountClaims.DEFAULT,
                    NatsKeyPair.generate(KeyKind.OPERATOR));
            assertEquals("x.creds: the JWT is an account JWT; a creds file holds a user JWT",
                    fails(credsText(accountJwt, seed), seed).getMessage());
        }

        @Test
        void aSeedThatIsNotAUserSeed() {
            String accountSeed = new String(account.seed());
            assertEquals("x.creds: the seed is not valid: seed is an account seed (SA…); expected a user seed (SU…)",
                    fails(credsText(jwt, accountSeed), accountSeed).getMessage());
        }

        @Test
        void aCorruptSeed() {
            String corrupt = seed.substring(0, 20) + (seed.charAt(20) == 'A' ? 'B' : 'A') + seed.substring(21);
            assertEquals("x.creds: the seed is not valid: seed has a bad checksum; it was probably mistyped or "
                    + "truncated", fails(credsText(jwt, corrupt), corrupt).getMessage());
        }

        @Test
        void aSeedOfAnotherUser() {
            NatsKeyPair bob = NatsKeyPair.generate(KeyKind.USER);
            String bobSeed = new String(bob.seed());
            assertEquals("x.creds: the seed belongs to user [" + bob.publicKey() + "] but the JWT is for user ["
                    + user.publicKey() + "]", fails(credsText(jwt, bobSeed), bobSeed).getMessage());
        }

        @Test
        void aTamperedJwt() {
            String[] parts = jwt.split("\\.");
            String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("\"name\":\"alice\"", "\"name\":\"mallory\"");
            String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
            String message = fails(credsText(tampered, seed), seed).getMessage();
            assertTrue(message.startsWith("x.creds: the JWT is not valid: signature does not verify against issuer ["
                    + account.publicKey() + "]"), message);
        }

        @Test
        void credsNeedAUserKey() {
            var e = assertThrows(dev.natssandbox.InvalidInputException.class, () -> Creds.of(jwt, account));
            assertTrue(e.getMessage().startsWith("creds need a user key; got "), e.getMessage());
            assertNoSecret(new String(account.seed()), e);
        }

        @Test
        void anUnreadableFile(@TempDir Path dir) {
            Path missing = dir.resolve("missing.creds");
            dev.natssandbox.NatsSandboxException e = assertThrows(dev.natssandbox.NatsSandboxException.class,
                    () -> Creds.read(missing));
            assertTrue(e.getMessage().startsWith("cannot read creds file [" + missing + "]"), e.getMessage());
        }
    }
}
