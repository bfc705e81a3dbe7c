package dev.natssandbox.jwt;

import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.natssandbox.jwt.TokenFixtures.CLOCK;
import static dev.natssandbox.jwt.TokenFixtures.IAT;
import static dev.natssandbox.jwt.TokenFixtures.V2_HEADER;
import static dev.natssandbox.jwt.TokenFixtures.signV2;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every problem {@link ChainVerifier} reports, each from a chain built to have exactly that problem. */
class ChainVerifierTests {
    private static final Instant NOW = Instant.ofEpochSecond(IAT);

    private final NatsKeyPair op = NatsKeyPair.generate(KeyKind.OPERATOR);
    private final NatsKeyPair opSigner = NatsKeyPair.generate(KeyKind.OPERATOR);
    private final NatsKeyPair acc = NatsKeyPair.generate(KeyKind.ACCOUNT);
    private final NatsKeyPair accSigner = NatsKeyPair.generate(KeyKind.ACCOUNT);
    private final NatsKeyPair scopedSigner = NatsKeyPair.generate(KeyKind.ACCOUNT);
    private final NatsKeyPair usr = NatsKeyPair.generate(KeyKind.USER);

    private Jwt operator(boolean strict, NatsKeyPair signer) {
        return Jwts.decode(Jwts.encode(Jwts.Standard.of(op.publicKey(), "Op"), OperatorClaims.builder()
                .signingKeys(List.of(opSigner.publicKey())).strictSigningKeyUsage(strict).build(), signer, CLOCK));
    }

    private Jwt account(NatsKeyPair signer, Map<String, Long> revocations) {
        AccountClaims claims = AccountClaims.builder()
                .signingKeys(List.of(new SigningKey(accSigner.publicKey(), null),
                new SigningKey(scopedSigner.publicKey(), new UserScope("r", UserPermissionLimits.DEFAULT, ""))))
                .revocations(revocations).build();
        return Jwts.decode(Jwts.encode(Jwts.Standard.of(acc.publicKey(), "Acc"), claims, signer, CLOCK));
    }

    private Jwt user(NatsKeyPair signer, UserPermissionLimits limits, String issuerAccount) {
        return Jwts.decode(Jwts.encode(Jwts.Standard.of(usr.publicKey(), "u"),
                UserClaims.builder().limits(limits).issuerAccount(issuerAccount).build(), signer, CLOCK));
    }

    private Jwt timed(long exp, long nbf) {
        return Jwts.decode(Jwts.encode(Jwts.Standard.builder(usr.publicKey()).name("u").expires(exp).notBefore(nbf)
                .build(),
                UserClaims.builder().build(), acc, CLOCK));
    }

    @Nested
    class Operators {
        @Test
        void selfSignedOrSignedByItsOwnSigningKeyIsValid() {
            assertEquals(List.of(), ChainVerifier.checkOperator(operator(false, op), NOW));
            assertEquals(List.of(), ChainVerifier.checkOperator(operator(false, opSigner), NOW));
        }

        @Test
        void issuedBySomeoneElse() {
            NatsKeyPair stranger = NatsKeyPair.generate(KeyKind.OPERATOR);
            assertEquals(List.of("operator [Op] is issued by [" + stranger.publicKey() + "], which is neither the "
                    + "operator itself nor one of its signing keys"),
                    ChainVerifier.checkOperator(operator(false, stranger), NOW));
        }

        @Test
        void notAnOperatorToken() {
            assertEquals(List.of("token [Acc] is an account token; expected an operator token"),
                    ChainVerifier.checkOperator(account(op, null), NOW));
        }

        @Test
        void expiredOrNotYetValid() {
            Jwt expired = Jwts.decode(Jwts.encode(Jwts.Standard.builder(op.publicKey()).expires(IAT - 1).build(),
                    OperatorClaims.builder().build(), op, CLOCK));
            assertEquals(List.of("operator [" + op.publicKey() + "] expired at 2023-11-14T22:13:19Z"),
                    ChainVerifier.checkOperator(expired, NOW));
            Jwt early = Jwts.decode(Jwts.encode(Jwts.Standard.builder(op.publicKey()).name("Op").notBefore(IAT + 1)
                    .build(),
                    OperatorClaims.builder().build(), op, CLOCK));
            assertEquals(List.of("operator [Op] is not valid before 2023-11-14T22:13:21Z"),
                    ChainVerifier.checkOperator(early, NOW));
        }
    }

    @Nested
    class Accounts {
        @Test
        void signedByTheOperatorOrOneOfItsSigningKeysIsValid() {
            assertEquals(List.of(), ChainVerifier.checkAccount(operator(false, op), account(op, null), NOW));
            assertEquals(List.of(), ChainVerifier.checkAccount(operator(false, op), account(opSigner, null), NOW));
            assertEquals(List.of(), ChainVerifier.checkAccount(operator(true, op), account(opSigner, null), NOW));
        }

        @Test
        void issuedBySomeoneElse() {
            NatsKeyPair stranger = NatsKeyPair.generate(KeyKind.OPERATOR);
            assertEquals(List.of("account [Acc] is issued by [" + stranger.publicKey() + "], which is neither "
                    + "operator [Op] nor one of its signing keys [" + opSigner.publicKey() + "]"),
                    ChainVerifier.checkAccount(operator(false, op), account(stranger, null), NOW));
        }

        @Test
        void selfSigned() {
            String payload = "{\"iat\":" + IAT + ",\"iss\":\"" + acc.publicKey() + "\",\"name\":\"Acc\",\"sub\":\""
                    + acc.publicKey() + "\",\"nats\":{\"type\":\"account\",\"version\":2}}";
            Jwt selfSigned = Jwts.decode(signV2(V2_HEADER, payload, acc));
            assertEquals(List.of("account [Acc] is issued by [" + acc.publicKey() + "], which is neither operator "
                    + "[Op] nor one of its signing keys [" + opSigner.publicKey() + "]"),
                    ChainVerifier.checkAccount(operator(false, op), selfSigned, NOW));
        }

        @Test
        void signedByTheOperatorIdentityDespiteStrictSigningKeyUsage() {
            assertEquals(List.of("account [Acc] is signed by the operator identity, but operator [Op] requires "
                    + "strict signing key usage; sign it with a signing key"),
                    ChainVerifier.checkAccount(operator(true, op), account(op, null), NOW));
        }

        @Test
        void tokensOfTheWrongTypes() {
            Jwt u = user(acc, null, null);
            assertEquals(List.of("token [u] is a user token; expected an operator token",
                    "token [u] is a user token; expected an account token"), ChainVerifier.checkAccount(u, u, NOW));
        }

        @Test
        void expired() {
            Jwt expired = Jwts.decode(Jwts.encode(Jwts.Standard.builder(acc.publicKey()).name("Acc").expires(100)
                    .build(),
                    AccountClaims.DEFAULT, op, CLOCK));
            assertEquals(List.of("account [Acc] expired at 1970-01-01T00:01:40Z"),
                    ChainVerifier.checkAccount(operator(false, op), expired, NOW));
        }
    }

    @Nested
    class Users {
        @Test
        void issuedByTheAccountOrASigningKeyWithIssuerAccountIsValid() {
            Jwt a = account(op, null);
            assertEquals(List.of(), ChainVerifier.checkUser(a, user(acc, null, null), NOW));
            assertEquals(List.of(), ChainVerifier.checkUser(a, user(acc, null, acc.publicKey()), NOW));
            assertEquals(List.of(), ChainVerifier.checkUser(a, user(accSigner, null, acc.publicKey()), NOW));
            assertEquals(List.of(), ChainVerifier.checkUser(a,
                    user(scopedSigner, UserPermissionLimits.EMPTY, acc.publicKey()), NOW));
        }

        @Test
        void issuedByTheAccountButNamingAnotherIssuerAccount() {
            String other = NatsKeyPair.generate(KeyKind.ACCOUNT).publicKey();
            assertEquals(List.of("user [u] names issuer_account [" + other + "] but is issued by account [Acc]"),
                    ChainVerifier.checkUser(account(op, null), user(acc, null, other), NOW));
        }

        @Test
        void issuedByAKeyTheAccountDoesNotList() {
            NatsKeyPair stranger = NatsKeyPair.generate(KeyKind.ACCOUNT);
            assertEquals(List.of("user [u] is issued by [" + stranger.publicKey() + "], which is neither account "
                    + "[Acc] nor one of its signing keys"),
                    ChainVerifier.checkUser(account(op, null), user(stranger, null, acc.publicKey()), NOW));
        }

        @Test
        void issuedByASigningKeyWithoutIssuerAccount() {
            assertEquals(List.of("user [u] is issued by a signing key of account [Acc] but its issuer_account is []; "
                    + "expected [" + acc.publicKey() + "]"),
                    ChainVerifier.checkUser(account(op, null), user(accSigner, null, ""), NOW));
        }

        @Test
        void aUserOfAScopedKeyWithPermissionsOfItsOwn() {
            assertEquals(List.of("user [u] is issued by scoped signing key [" + scopedSigner.publicKey()
                    + "] and must not carry permissions or limits of its own"),
                    ChainVerifier.checkUser(account(op, null),
                            user(scopedSigner, UserPermissionLimits.DEFAULT, acc.publicKey()), NOW));
        }

        @Test
        void revokedByKeyOrByWildcardAtOrAfterItsIssueTime() {
            String revoked = "user [u] is revoked by account [Acc]";
            Jwt u = user(acc, null, null);
            assertEquals(List.of(revoked), ChainVerifier.checkUser(account(op, Map.of(usr.publicKey(), IAT)), u, NOW));
            assertEquals(List.of(revoked), ChainVerifier.checkUser(account(op, Map.of("*", IAT + 5)), u, NOW));
            assertEquals(List.of(), ChainVerifier.checkUser(account(op, Map.of(usr.publicKey(), IAT - 1)), u, NOW));
            assertEquals(List.of(), ChainVerifier.checkUser(account(op, Map.of("*", IAT - 1)), u, NOW));
        }

        @Test
        void expiredAndNotYetValidAtOnce() {
            Jwt a = account(op, null);
            assertEquals(List.of("user [u] expired at 2023-11-14T22:13:10Z",
                    "user [u] is not valid before 2023-11-14T22:13:30Z"),
                    ChainVerifier.checkUser(a, timed(IAT - 10, IAT + 10), NOW));
            assertEquals(List.of(), ChainVerifier.checkUser(a, timed(IAT, IAT), NOW));
        }

        @Test
        void tokensOfTheWrongTypes() {
            Jwt o = operator(false, op);
            assertEquals(List.of("token [Op] is an operator token; expected an account token",
                    "token [Op] is an operator token; expected a user token"), ChainVerifier.checkUser(o, o, NOW));
        }
    }
}
