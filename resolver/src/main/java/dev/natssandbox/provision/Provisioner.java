package dev.natssandbox.provision;

import dev.natssandbox.keys.CurveKeyPair;
import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.jwt.ActivationClaims;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.Import;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.jwt.OperatorClaims;
import dev.natssandbox.jwt.SigningKey;
import dev.natssandbox.jwt.UserClaims;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.jwt.UserScope;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.SigningKeySpec;
import dev.natssandbox.model.UserSpec;
import dev.natssandbox.internal.util.Parallel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a {@link SandboxSpec} into a {@link Hierarchy}: keys from a {@link KeySource}, then every JWT signed as
 * nsc would sign it.
 *
 * <ul>
 *   <li>The operator JWT is self-signed and names the system account.</li>
 *   <li>Accounts are signed by the first operator signing key, or by the operator when it has none.</li>
 *   <li>Users are signed by the account, or by the named account signing key with {@code issuer_account} set; a
 *   scoped key's users carry no permissions (the key's template applies).</li>
 *   <li>Imports get the exporter's public key and, for exports that require a token, an activation token signed by
 *   the exporter.</li>
 *   <li>Revoked users are revoked as of the issue time; with a JetStream server, accounts whose limits leave
 *   JetStream off get unlimited JetStream (the system account excepted).</li>
 * </ul>
 */
public final class Provisioner {
    private final KeySource keys;
    private final Clock clock;
    private final Hierarchy previous;

    private Provisioner(KeySource keys, Clock clock, Hierarchy previous) {
        this.keys = keys;
        this.clock = clock;
        this.previous = previous;
    }

    /**
     * @param spec what to provision
     * @return the hierarchy, with new keys, issued now
     */
    public static Hierarchy provision(SandboxSpec spec) {
        return provision(spec, KeySource.generating(), Clock.systemUTC());
    }

    /**
     * @param spec  what to provision
     * @param keys  where the keys come from
     * @param clock the issue time of every JWT
     * @return the hierarchy
     */
    public static Hierarchy provision(SandboxSpec spec, KeySource keys, Clock clock) {
        return new Provisioner(keys, clock, null).run(spec);
    }

    /**
     * Provisions a changed spec on top of an earlier provisioning: identities keep their keys, and every JWT whose
     * claims, signer and validity did not change is kept byte for byte (same {@code jti} and {@code iat}). A server
     * can then reload the result: nats-server refuses a reload that changes the operator JWT, and unchanged account
     * JWTs cause no account update.
     *
     * @param spec     the changed spec
     * @param previous the earlier provisioning
     * @param clock    the issue time of re-issued JWTs
     * @return the hierarchy
     */
    public static Hierarchy reprovision(SandboxSpec spec, Hierarchy previous, Clock clock) {
        return new Provisioner(KeySource.reusing(previous), clock, previous).run(spec);
    }

    private Hierarchy run(SandboxSpec spec) {
        Instant now = clock.instant();
        long iat = now.getEpochSecond();
        String opName = spec.operator().name();
        NatsKeyPair opKey = keys.operator(opName);
        List<NatsKeyPair> opSigning = new ArrayList<>();
        for (int i = 0; i < spec.operator().signingKeys(); i++) {
            opSigning.add(keys.operatorSigningKey(opName, i));
        }
        NatsKeyPair accountSigner = opSigning.isEmpty() ? opKey : opSigning.get(0);

        // Identity keys first: imports and the operator need every account's public key.
        Map<String, NatsKeyPair> accountKeys = new ConcurrentHashMap<>();
        Parallel.forEach(spec.accounts(), a -> accountKeys.put(a.name(), keys.account(a.name())));
        Map<String, AccountSpec> byName = new HashMap<>();
        spec.accounts().forEach(a -> byName.put(a.name(), a));

        Map<String, AccountIdentity> provisioned = new ConcurrentHashMap<>();
        Parallel.forEach(spec.accounts(), a -> provisioned.put(a.name(),
                account(spec, a, accountKeys, byName, accountSigner, iat)));
        List<AccountIdentity> accounts = spec.accounts().stream().map(a -> provisioned.get(a.name())).toList();

        OperatorClaims opClaims = OperatorClaims.builder()
                .signingKeys(opSigning.stream().map(NatsKeyPair::publicKey).toList())
                .accountServerUrl(spec.operator().accountServerUrl())
                .operatorServiceUrls(spec.operator().serviceUrls())
                .systemAccount(accountKeys.get(spec.systemAccount()).publicKey())
                .assertServerVersion(spec.operator().assertServerVersion())
                .strictSigningKeyUsage(spec.operator().strictSigningKeyUsage()).tags(spec.operator().tags()).build();
        Duration opExpires = spec.operator().expires();
        String opJwt = previous != null && previous.operator().name().equals(opName)
                && previous.operator().keyPair().equals(opKey) && previous.operator().claims().equals(opClaims)
                && java.util.Objects.equals(previous.operator().spec().expires(), opExpires)
                ? previous.operator().jwt()
                : Jwts.encode(Jwts.Standard.builder(opKey.publicKey()).name(opName).issuedAt(iat)
                        .expires(opExpires == null ? 0 : iat + opExpires.toSeconds()).build(), opClaims, opKey);
        OperatorIdentity operator = new OperatorIdentity(spec.operator(), opKey, opSigning, opClaims, opJwt);
        return new Hierarchy(spec, operator, accounts, Instant.ofEpochSecond(iat));
    }

    /** Name of the signing key added to accounts of a strict operator that declare no plain signing key. */
    public static final String STRICT_DEFAULT_SIGNING_KEY = "sandbox-default";

    /**
     * Under {@code strict_signing_key_usage} nats-server accepts only users signed by an account signing key, so an
     * account without a plain one gets {@value #STRICT_DEFAULT_SIGNING_KEY}, and users that name no signing key
     * are signed by the account's first plain signing key.
     */
    private static AccountSpec forStrictOperator(AccountSpec a) {
        boolean hasPlain = a.signingKeys().stream().anyMatch(k -> !k.scoped());
        AccountSpec.Builder b = a.toBuilder();
        if (!hasPlain) {
            b.signingKey(SigningKeySpec.plain(STRICT_DEFAULT_SIGNING_KEY));
        }
        String keyName = hasPlain ? a.signingKeys().stream().filter(k -> !k.scoped()).findFirst().orElseThrow().name()
                : STRICT_DEFAULT_SIGNING_KEY;
        for (UserSpec u : a.users()) {
            if (u.signingKey() == null) {
                b.user(u.toBuilder().signingKey(keyName).build());
            }
        }
        return b.build();
    }

    private AccountIdentity account(SandboxSpec spec, AccountSpec declared, Map<String, NatsKeyPair> accountKeys,
                                    Map<String, AccountSpec> byName, NatsKeyPair signer, long iat) {
        AccountSpec a = spec.operator().strictSigningKeyUsage() ? forStrictOperator(declared) : declared;
        NatsKeyPair key = accountKeys.get(a.name());
        Map<String, NatsKeyPair> signingKeys = new LinkedHashMap<>();
        for (SigningKeySpec sk : a.signingKeys()) {
            signingKeys.put(sk.name(), keys.accountSigningKey(a.name(), sk.name()));
        }

        List<UserIdentity> users = new ArrayList<>();
        Map<String, Long> revocations = new LinkedHashMap<>(a.revocations());
        for (UserSpec u : a.users()) {
            UserIdentity user = user(a, key, signingKeys, u, iat);
            users.add(user);
            if (u.revokedAt() != null) {
                revocations.put(user.publicKey(), u.revokedAt().getEpochSecond());
            } else if (u.revoked()) {
                revocations.put(user.publicKey(), previousAccount(a.name())
                        .map(p -> p.claims().revocations().get(user.publicKey())).orElse(iat));
            }
        }

        List<Import> imports = new ArrayList<>();
        for (ImportSpec imp : a.imports()) {
            AccountSpec exporterSpec = byName.get(imp.account());
            NatsKeyPair exporter = accountKeys.get(imp.account());
            Export export = SandboxSpec.findExport(exporterSpec, imp.subject(), imp.type()).orElseThrow();
            String token = "";
            if (export.tokenRequired()) {
                token = previousAccount(a.name()).filter(p -> p.keyPair().equals(key)).stream()
                        .flatMap(p -> p.claims().imports().stream())
                        .filter(i -> i.account().equals(exporter.publicKey()) && i.subject().equals(imp.subject())
                                && i.type() == imp.type() && !i.token().isEmpty())
                        .map(Import::token).findFirst().orElse("");
            }
            if (export.tokenRequired() && token.isEmpty()) {
                long actExp = imp.activationExpires() == null ? 0 : iat + imp.activationExpires().toSeconds();
                token = Jwts.encode(Jwts.Standard.builder(key.publicKey()).name(imp.subject()).issuedAt(iat)
                        .expires(actExp).build(),
                        ActivationClaims.builder(imp.subject(), imp.type()).build(), exporter);
            }
            imports.add(Import.builder(exporter.publicKey(), imp.subject(), imp.type()).name(imp.name())
                    .token(token).localSubject(imp.localSubject()).share(imp.share()).allowTrace(imp.allowTrace())
                    .build());
        }

        List<SigningKey> sks = new ArrayList<>();
        for (SigningKeySpec sk : a.signingKeys()) {
            String pk = signingKeys.get(sk.name()).publicKey();
            sks.add(new SigningKey(pk, sk.scoped() ? new UserScope(sk.name(), sk.template(), sk.description()) : null));
        }

        AccountLimits limits = a.limits();
        if (spec.server().jetStream() && !a.name().equals(spec.systemAccount())
                && !limits.jetStream().isEnabled() && limits.tieredLimits().isEmpty()) {
            limits = limits.toBuilder().jetStream(JetStreamLimits.UNLIMITED).build();
        }
        CurveKeyPair xkey = a.authorization().generatesXkey() ? keys.xkey(a.name()) : null;
        AccountClaims claims = AccountClaims.builder().imports(imports).exports(a.exports()).limits(limits)
                .signingKeys(sks).revocations(revocations).defaultPermissions(a.defaultPermissions())
                .mappings(a.mappings()).authorization(Callouts.claim(a, users, accountKeys, xkey))
                .description(a.description()).infoUrl(a.infoUrl()).tags(a.tags()).trace(a.trace())
                .clusterTraffic(a.clusterTraffic()).build();
        var prev = previousAccount(a.name()).filter(p -> p.keyPair().equals(key)
                && p.issuer().equals(signer.publicKey()) && p.claims().equals(claims)
                && java.util.Objects.equals(p.spec().expires(), a.expires())
                && java.util.Objects.equals(p.spec().notBefore(), a.notBefore()));
        String jwt;
        if (prev.isPresent()) {
            jwt = prev.get().jwt();
        } else {
            long exp = a.expires() == null ? 0 : iat + a.expires().toSeconds();
            long nbf = a.notBefore() == null ? 0 : a.notBefore().getEpochSecond();
            jwt = Jwts.encode(Jwts.Standard.builder(key.publicKey()).name(a.name()).issuedAt(iat).expires(exp)
                    .notBefore(nbf).build(), claims, signer);
        }
        return new AccountIdentity(a, key, signingKeys, claims, jwt, signer.publicKey(), users, xkey);
    }

    private java.util.Optional<AccountIdentity> previousAccount(String name) {
        return previous == null ? java.util.Optional.empty() : previous.findAccount(name);
    }

    private UserIdentity user(AccountSpec a, NatsKeyPair accountKey, Map<String, NatsKeyPair> signingKeys,
                              UserSpec u, long iat) {
        NatsKeyPair key = keys.user(a.name(), u.name());
        NatsKeyPair signer = accountKey;
        String issuerAccount = "";
        UserPermissionLimits limits = u.limits();
        if (u.signingKey() != null) {
            signer = signingKeys.get(u.signingKey());
            issuerAccount = accountKey.publicKey();
            boolean scoped = a.signingKeys().stream().anyMatch(k -> k.name().equals(u.signingKey()) && k.scoped());
            if (scoped) {
                limits = UserPermissionLimits.EMPTY;
            }
        }
        UserClaims claims = UserClaims.builder().limits(limits).issuerAccount(issuerAccount).tags(u.tags()).build();
        NatsKeyPair userSigner = signer;
        var prev = previousAccount(a.name()).flatMap(p -> p.findUser(u.name())).filter(p -> p.keyPair().equals(key)
                && p.issuer().equals(userSigner.publicKey()) && p.claims().equals(claims)
                && java.util.Objects.equals(p.spec().expires(), u.expires())
                && java.util.Objects.equals(p.spec().notBefore(), u.notBefore()));
        String jwt;
        if (prev.isPresent()) {
            jwt = prev.get().jwt();
        } else {
            long exp = u.expires() == null ? 0 : iat + u.expires().toSeconds();
            long nbf = u.notBefore() == null ? 0 : u.notBefore().getEpochSecond();
            jwt = Jwts.encode(Jwts.Standard.builder(key.publicKey()).name(u.name()).issuedAt(iat).expires(exp)
                    .notBefore(nbf).build(), claims, signer);
        }
        return new UserIdentity(a.name(), accountKey.publicKey(), u, key, claims, jwt, signer.publicKey());
    }
}
