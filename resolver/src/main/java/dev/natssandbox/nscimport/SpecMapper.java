package dev.natssandbox.nscimport;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.ExternalAuthorization;
import dev.natssandbox.jwt.Import;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.JwtException;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.jwt.OperatorClaims;
import dev.natssandbox.jwt.SigningKey;
import dev.natssandbox.jwt.UserClaims;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.AuthorizationSpec;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.InvalidSpecException;
import dev.natssandbox.model.OperatorSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.ServerSpec;
import dev.natssandbox.model.SigningKeySpec;
import dev.natssandbox.model.Subjects;
import dev.natssandbox.model.UserSpec;
import dev.natssandbox.provision.Provisioner;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Turns the claims of a {@link StoreTree} into a {@link SandboxSpec} and records, as warnings, everything the spec
 * cannot carry: unsupported claim fields, expiry and validity the sandbox re-issues differently, imports the server
 * would ignore, signatures the server would refuse.
 */
final class SpecMapper {
    /**
     * The public key behind every name of the spec; the key source returns the seeds of these keys.
     *
     * @param operator            the operator's key
     * @param operatorSigningKeys the operator signing keys, in JWT order
     * @param accounts            account name to key
     * @param accountSigningKeys  account name to signing key name to key
     * @param users               account name to user name to key
     */
    record Identities(String operator, List<String> operatorSigningKeys, Map<String, String> accounts,
                      Map<String, Map<String, String>> accountSigningKeys, Map<String, Map<String, String>> users) {
    }

    /**
     * @param spec       the reconstructed spec
     * @param identities the keys behind its names
     * @param warnings   what the spec does not reproduce
     * @param added      identities the spec has that the store does not (a system account or its user)
     */
    record Result(SandboxSpec spec, Identities identities, List<ImportWarning> warnings, List<String> added) {
    }

    private final StoreTree tree;
    private final SandboxIndex index;
    private final Instant now;
    private final List<ImportWarning> warnings = new ArrayList<>();
    private final List<String> added = new ArrayList<>();
    private final Map<String, String> accountByKey = new HashMap<>();
    private final Map<String, StoreTree.AccountEntry> accountByName = new HashMap<>();

    private SpecMapper(StoreTree tree, SandboxIndex index, Instant now) {
        this.tree = tree;
        this.index = index;
        this.now = now;
        tree.accounts().forEach(a -> {
            accountByKey.put(a.account().publicKey(), a.name());
            accountByName.put(a.name(), a);
        });
    }

    static Result map(StoreTree tree, SandboxIndex index, Instant now) {
        return new SpecMapper(tree, index, now).run();
    }

    private Result run() {
        StoreTree.Entry op = tree.operator();
        OperatorClaims oc = op.jwt().operator();
        String who = "operator [" + op.name() + "]";
        standard(who, op.jwt());
        List<String> urls = new ArrayList<>();
        for (String u : oc.operatorServiceUrls()) {
            if (u.matches("^(nats|tls|ws|wss)://.+")) {
                urls.add(u);
            } else {
                warn(who, "service URL [" + u + "] is not a nats://, tls://, ws:// or wss:// URL and is left out");
            }
        }
        String version = oc.assertServerVersion();
        if (!version.isEmpty() && !version.matches("\\d+\\.\\d+\\.\\d+")) {
            warn(who, "assert_server_version [" + version + "] is not of the form 2.9.0 and is left out");
            version = "";
        }
        String v = version;
        Duration opExpires = validity(who, op.jwt());
        OperatorSpec operator = model(op.file(), who, () -> OperatorSpec.builder(op.name())
                .signingKeys(oc.signingKeys().size()).strictSigningKeyUsage(oc.strictSigningKeyUsage())
                .accountServerUrl(oc.accountServerUrl()).serviceUrls(urls).assertServerVersion(v).tags(oc.tags())
                .expires(opExpires).build());

        String system = accountByKey.get(oc.systemAccount());
        if (system == null) {
            system = unusedName(SandboxSpec.DEFAULT_SYSTEM_ACCOUNT);
            warn(who, (oc.systemAccount().isEmpty() ? "names no system account"
                    : "names system account [" + oc.systemAccount() + "], which is not in the store")
                    + "; the sandbox adds system account [" + system + "] with a new key and user ["
                    + SandboxSpec.DEFAULT_SYSTEM_USER + "]");
            added.add("account [" + system + "]");
            added.add("user [" + system + "/" + SandboxSpec.DEFAULT_SYSTEM_USER + "]");
        } else if (accountByName.get(system).users().isEmpty()) {
            warn("account [" + system + "]", "the system account has no users; the sandbox adds user ["
                    + SandboxSpec.DEFAULT_SYSTEM_USER + "] with a new key");
            added.add("user [" + system + "/" + SandboxSpec.DEFAULT_SYSTEM_USER + "]");
        }

        List<String> names = new ArrayList<>(accountByName.keySet());
        names.sort(null);
        String sys = system;
        if (names.remove(sys)) {
            names.add(sys); // as spec files and the builder place it when they add it: last
        }
        names = SandboxIndex.order(names, index.accounts());

        Identities ids = new Identities(op.publicKey(), oc.signingKeys(), new LinkedHashMap<>(),
                new LinkedHashMap<>(), new LinkedHashMap<>());
        boolean jetStream = false;
        List<AccountSpec> accounts = new ArrayList<>();
        for (String name : names) {
            AccountSpec a = account(accountByName.get(name), oc, ids);
            jetStream |= a.limits().jetStream().isEnabled() || !a.limits().tieredLimits().isEmpty();
            accounts.add(a);
        }
        // Server settings are not part of an nsc store; JetStream is on when an account uses it.
        ServerSpec server = ServerSpec.builder().jetStream(jetStream).build();
        SandboxSpec spec = model(tree.operatorDir(), "the environment",
                () -> SandboxSpec.builder(operator).systemAccount(sys).server(server).accounts(accounts).build());
        return new Result(spec, ids, warnings, added);
    }

    private AccountSpec account(StoreTree.AccountEntry entry, OperatorClaims oc, Identities ids) {
        String name = entry.name();
        Jwt jwt = entry.account().jwt();
        AccountClaims c = jwt.account();
        String who = "account [" + name + "]";
        standard(who, jwt);
        String opKey = tree.operator().publicKey();
        if (!jwt.issuer().equals(opKey) && !oc.signingKeys().contains(jwt.issuer())) {
            warn(who, "its JWT is signed by [" + jwt.issuer() + "], which is neither the operator nor one of its "
                    + "signing keys, so the server refuses it; the sandbox signs it with the operator's key");
        } else if (oc.strictSigningKeyUsage() && jwt.issuer().equals(opKey)) {
            warn(who, "its JWT is signed by the operator identity although the operator requires signing keys, so "
                    + "the server refuses it; the sandbox signs it with the operator's signing key");
        }
        ids.accounts().put(name, entry.account().publicKey());

        Map<String, String> keyNames = signingKeyNames(name, c);
        Map<String, String> skByName = new LinkedHashMap<>();
        keyNames.forEach((pk, n) -> skByName.put(n, pk));
        ids.accountSigningKeys().put(name, skByName);
        List<SigningKeySpec> signingKeys = new ArrayList<>();
        List<String> keyOrder = new ArrayList<>(skByName.keySet());
        keyOrder.sort(null);
        for (String n : SandboxIndex.order(keyOrder, new ArrayList<>(index.signingKeys(name).keySet()))) {
            SigningKey sk = c.signingKey(skByName.get(n)).orElseThrow();
            signingKeys.add(sk.isScoped() ? SigningKeySpec.builder(n).scoped(true).template(sk.scope().template())
                    .description(sk.scope().description()).build() : SigningKeySpec.plain(n));
        }

        Map<String, Long> revocations = new TreeMap<>(c.revocations());
        Map<String, String> userKeys = new LinkedHashMap<>();
        ids.users().put(name, userKeys);
        Map<String, StoreTree.Entry> byUser = new HashMap<>();
        entry.users().forEach(u -> byUser.put(u.name(), u));
        List<UserSpec> users = new ArrayList<>();
        for (String u : SandboxIndex.order(entry.users().stream().map(StoreTree.Entry::name).toList(),
                index.users(name))) {
            UserSpec spec = user(name, entry.account().publicKey(), c, keyNames, byUser.get(u), revocations);
            users.add(spec);
            userKeys.put(u, byUser.get(u).publicKey());
        }

        List<ImportSpec> imports = new ArrayList<>();
        for (Import imp : c.imports()) {
            importSpec(who, name, imp).ifPresent(imports::add);
        }
        Duration expires = validity(who, jwt);
        if (oc.strictSigningKeyUsage()) {
            undoStrictDefault(signingKeys, users);
        }
        Instant notBefore = jwt.notBefore() > 0 ? Instant.ofEpochSecond(jwt.notBefore()) : null;
        AuthorizationSpec authorization = authorization(c.authorization(), entry);
        return model(entry.account().file(), who, () -> AccountSpec.builder(name).limits(c.limits())
                .exports(c.exports()).imports(imports).signingKeys(signingKeys).revocations(revocations)
                .defaultPermissions(c.defaultPermissions()).mappings(c.mappings()).authorization(authorization)
                .description(c.description()).infoUrl(c.infoUrl()).tags(c.tags()).expires(expires).users(users)
                .trace(c.trace()).clusterTraffic(c.clusterTraffic()).notBefore(notBefore).build());
    }

    /** Auth users and allowed accounts by name where the store has them; keys otherwise (the spec accepts both). */
    private AuthorizationSpec authorization(ExternalAuthorization a, StoreTree.AccountEntry entry) {
        if (!a.isEnabled()) {
            return AuthorizationSpec.NONE;
        }
        Map<String, String> userNames = new HashMap<>();
        entry.users().forEach(u -> userNames.put(u.publicKey(), u.name()));
        Map<String, String> accountNames = new HashMap<>();
        tree.accounts().forEach(acc -> accountNames.put(acc.account().publicKey(), acc.name()));
        return AuthorizationSpec.builder()
                .authUsers(a.authUsers().stream().map(k -> userNames.getOrDefault(k, k)).toList())
                .allowedAccounts(a.allowedAccounts().stream().map(k -> accountNames.getOrDefault(k, k)).toList())
                .xkey(a.xkey()).build();
    }

    /**
     * Under a strict operator the provisioner gives accounts without a plain signing key one named
     * {@value Provisioner#STRICT_DEFAULT_SIGNING_KEY} and signs key-less users with it; the spec it came from had
     * neither, and provisioning the imported spec adds them again (with the same key, from the index).
     */
    private static void undoStrictDefault(List<SigningKeySpec> signingKeys, List<UserSpec> users) {
        boolean implicit = signingKeys.removeIf(k -> !k.scoped()
                && k.name().equals(Provisioner.STRICT_DEFAULT_SIGNING_KEY));
        if (implicit) {
            users.replaceAll(u -> Provisioner.STRICT_DEFAULT_SIGNING_KEY.equals(u.signingKey())
                    ? u.toBuilder().signingKey(null).build() : u);
        }
    }

    /** Scoped keys are named by their role, as the provisioner names roles; plain keys by the index, else by key. */
    private Map<String, String> signingKeyNames(String account, AccountClaims c) {
        Map<String, String> fromIndex = new HashMap<>();
        index.signingKeys(account).forEach((n, pk) -> fromIndex.put(pk, n));
        Map<String, String> names = new LinkedHashMap<>();
        for (SigningKey sk : c.signingKeys()) {
            String fallback = fromIndex.getOrDefault(sk.key(), sk.key());
            if (!isName(fallback) || names.containsValue(fallback)) {
                fallback = sk.key();
            }
            String name = fallback;
            if (sk.isScoped()) {
                String role = sk.scope().role();
                if (isName(role) && !names.containsValue(role)) {
                    name = role;
                } else {
                    warn("account [" + account + "]", "scoped signing key [" + sk.key() + "] has role [" + role
                            + "], which " + (isName(role) ? "another key's name already uses" : "is not a usable name")
                            + "; the sandbox names the key and its role [" + fallback + "]");
                }
            }
            names.put(sk.key(), name);
        }
        return names;
    }

    private UserSpec user(String account, String accountKey, AccountClaims c, Map<String, String> keyNames,
                          StoreTree.Entry entry, Map<String, Long> revocations) {
        Jwt jwt = entry.jwt();
        UserClaims uc = jwt.user();
        String who = "user [" + account + "/" + entry.name() + "]";
        standard(who, jwt);
        String signingKey = null;
        boolean scoped = false;
        if (keyNames.containsKey(jwt.issuer())) {
            signingKey = keyNames.get(jwt.issuer());
            scoped = c.signingKey(jwt.issuer()).map(SigningKey::isScoped).orElse(false);
            if (!uc.issuerAccount().equals(accountKey)) {
                warn(who, "is signed by signing key [" + signingKey + "] but its issuer_account is ["
                        + uc.issuerAccount() + "], not its account [" + accountKey + "], so the server refuses it; "
                        + "the sandbox sets it right");
            }
        } else if (!jwt.issuer().equals(accountKey)) {
            warn(who, "is signed by [" + jwt.issuer() + "], which is neither its account nor one of the account's "
                    + "signing keys, so the server refuses it; the sandbox signs it with the account key");
        }
        UserPermissionLimits limits = uc.limits();
        if (scoped) {
            if (!limits.isEmpty()) {
                warn(who, "carries permissions or limits of its own although scoped signing key [" + signingKey
                        + "] signs it; the server applies only the key's template, and so does the sandbox");
            }
            limits = UserPermissionLimits.DEFAULT;
        }
        Long revokedAt = revocations.remove(jwt.subject());
        // A revocation covering this JWT: the spec revokes by name, and the provisioner revokes the re-issued JWT
        // (and with it this one) again. One older than the JWT keeps its chosen time and, as in nsc, covers only
        // earlier JWTs of the user.
        boolean revoked = revokedAt != null && jwt.issuedAt() <= revokedAt;
        Instant revokedBefore = revokedAt == null || revoked ? null : Instant.ofEpochSecond(revokedAt);
        Duration expires = validity(who, jwt);
        Instant notBefore = jwt.notBefore() > 0 ? Instant.ofEpochSecond(jwt.notBefore()) : null;
        String key = signingKey;
        UserPermissionLimits l = limits;
        return model(entry.file(), who, () -> UserSpec.builder(entry.name()).limits(l).signingKey(key)
                .expires(expires).notBefore(notBefore).revoked(revoked).tags(uc.tags()).revokedAt(revokedBefore)
                .build());
    }

    private java.util.Optional<ImportSpec> importSpec(String who, String account, Import imp) {
        String what = imp.type().wireName() + " [" + imp.subject() + "]";
        String exporter = accountByKey.get(imp.account());
        if (exporter == null || exporter.equals(account)) {
            warn(who, "imports " + what + " from account [" + imp.account() + "], which is "
                    + (exporter == null ? "not in the store" : "the account itself") + "; the import is left out");
            return java.util.Optional.empty();
        }
        AccountClaims from = accountByName.get(exporter).account().jwt().account();
        var export = from.exports().stream().filter(e -> e.type() == imp.type()
                && Subjects.isContainedIn(imp.subject(), e.subject())).findFirst();
        if (export.isEmpty()) {
            warn(who, "imports " + what + " from account [" + exporter + "], which exports no such "
                    + imp.type().wireName() + ", so the server ignores it; the import is left out");
            return java.util.Optional.empty();
        }
        if (export.get().tokenRequired() && imp.token().isEmpty()) {
            warn(who, "imports private " + what + " from [" + exporter + "] without an activation token, so the "
                    + "server ignores it; the sandbox issues a token and the import works");
        }
        if (!imp.to().isEmpty()) {
            warn(who, "the import of " + what + " from [" + exporter + "] sets the deprecated 'to' [" + imp.to()
                    + "], which is not carried over; nsc writes local_subject instead");
        }
        Duration activationExpires = null;
        if (!imp.token().isEmpty()) {
            try {
                activationExpires = validity(who + " activation of " + what, Jwts.decode(imp.token()));
            } catch (JwtException e) {
                warn(who, "the activation token of " + what + " cannot be read (" + e.getMessage() + "); the sandbox "
                        + "issues a new one that does not expire");
            }
        }
        Duration actExpires = activationExpires;
        return java.util.Optional.of(model(accountByName.get(account).account().file(), who + " import " + what,
                () -> ImportSpec.builder(exporter, imp.subject(), imp.type()).name(imp.name())
                        .localSubject(imp.localSubject()).share(imp.share()).allowTrace(imp.allowTrace())
                        .activationExpires(actExpires).build()));
    }

    /** Reports unsupported claims and audience; {@code nbf} only where the spec has no place for it (operators). */
    private void standard(String who, Jwt jwt) {
        ClaimCoverage.unsupported(jwt).forEach(m -> warn(who, m));
        if (!jwt.audience().isEmpty()) {
            warn(who, "audience [" + jwt.audience() + "] is not supported by nats-sandbox and is left out");
        }
        boolean nbfInSpec = jwt.type().equals(UserClaims.TYPE) || jwt.type().equals(AccountClaims.TYPE);
        if (!nbfInSpec && jwt.notBefore() > 0) {
            warn(who, "the JWT is not valid before [" + Jwts.formatTime(jwt.notBefore()) + "]; the sandbox's "
                    + "is valid from its issue time");
        }
    }

    /** The spec keeps expiry as a duration from issue; the sandbox re-issues, so an expired JWT comes back valid. */
    private Duration validity(String who, Jwt jwt) {
        if (jwt.expires() <= 0) {
            return null;
        }
        if (jwt.expires() <= jwt.issuedAt()) {
            warn(who, "the JWT expires at [" + Jwts.formatTime(jwt.expires()) + "], not after it was issued ["
                    + Jwts.formatTime(jwt.issuedAt()) + "]; the sandbox's does not expire");
            return null;
        }
        Duration d = Duration.ofSeconds(jwt.expires() - jwt.issuedAt());
        if (jwt.isExpired(now)) {
            warn(who, "the JWT expired at [" + Jwts.formatTime(jwt.expires()) + "]; the sandbox re-issues it "
                    + "valid for [" + d + "] from its start");
        }
        return d;
    }

    private String unusedName(String base) {
        String name = base;
        for (int i = 1; accountByName.containsKey(name); i++) {
            name = base + i;
        }
        return name;
    }

    private static boolean isName(String name) {
        try {
            SigningKeySpec.plain(name);
            return true;
        } catch (InvalidSpecException e) {
            return false;
        }
    }

    private void warn(String who, String message) {
        warnings.add(new ImportWarning(who, message));
    }

    /** Claims the model refuses (an invalid limit, subject, name …) fail the import, naming the file and value. */
    private static <T> T model(Path file, String who, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidSpecException e) {
            throw new InvalidInputException(file.toString(), who + " cannot be expressed as a sandbox spec: "
                    + e.getMessage() + "; fix it in the nsc environment (nsc edit …) and import again", e);
        }
    }
}
