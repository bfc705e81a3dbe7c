package dev.natssandbox.model;

import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.MessageTrace;
import dev.natssandbox.jwt.Permissions;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.jwt.WeightedMapping;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An account, as {@code nsc add account} and {@code nsc edit account} would shape it, with its users.
 *
 * @param name               the account's name, unique in the sandbox
 * @param limits             account limits ({@link AccountLimits#DEFAULT}: unlimited, JetStream off)
 * @param exports            streams and services offered to other accounts
 * @param imports            streams and services taken from other accounts, by account name
 * @param signingKeys        named signing keys that may issue users
 * @param revocations        raw revocations: user public key (or {@code *}) to unix seconds; use
 *                           {@link UserSpec#revoked()} to revoke users of this spec by name
 * @param defaultPermissions permissions for users whose JWT carries none
 * @param mappings           subject mappings
 * @param authorization      auth callout ({@link AuthorizationSpec#NONE} when off)
 * @param description        a description
 * @param infoUrl            a link to more information
 * @param tags               tags
 * @param expires            how long after issuing the account JWT expires, or {@code null} for never
 * @param users              the account's users
 * @param trace              message tracing (nats-server 2.11+), or {@code null} for none; a sampling of 0 becomes
 *                           100, as the reference's validation makes it
 * @param clusterTraffic     which account carries the account's JetStream cluster traffic (nats-server 2.11+):
 *                           {@code system}, {@code owner}, or empty for the server's default
 * @param notBefore          when the account JWT becomes valid, or {@code null} for immediately; until then the
 *                           server refuses the account's users
 */
public record AccountSpec(
        String name,
        AccountLimits limits,
        List<Export> exports,
        List<ImportSpec> imports,
        List<SigningKeySpec> signingKeys,
        Map<String, Long> revocations,
        Permissions defaultPermissions,
        Map<String, List<WeightedMapping>> mappings,
        AuthorizationSpec authorization,
        String description,
        String infoUrl,
        List<String> tags,
        Duration expires,
        List<UserSpec> users,
        MessageTrace trace,
        String clusterTraffic,
        Instant notBefore) {

    /** Checks names, limits, subjects and duplicates within the account. */
    public AccountSpec {
        Checks.name("accounts", "account", name);
        String at = "accounts." + name;
        limits = Objects.requireNonNullElse(limits, AccountLimits.DEFAULT);
        Checks.accountLimits(at + ".limits", limits);
        exports = exports == null ? List.of() : List.copyOf(exports);
        for (int i = 0; i < exports.size(); i++) {
            Export e = exports.get(i);
            String eat = at + ".exports[" + i + "]";
            Subjects.require(eat + ".subject", e.subject());
            if (!limits.wildcards() && Subjects.hasWildcards(e.subject())) {
                throw new InvalidSpecException(eat + ".subject", "export [" + e.subject()
                        + "] has wildcards but the account's limits set wildcards: false");
            }
            if (e.type() == ExportType.STREAM && (e.responseType() != null || e.latency() != null
                    || !e.responseThreshold().isZero() || e.allowTrace())) {
                throw new InvalidSpecException(eat, "stream export [" + e.subject() + "] sets response_type, "
                        + "response_threshold, latency or allow_trace; these apply to services only");
            }
        }
        imports = imports == null ? List.of() : List.copyOf(imports);
        for (int i = 0; i < imports.size(); i++) {
            if (imports.get(i).account().equals(name)) {
                throw new InvalidSpecException(at + ".imports[" + i + "].account", "account [" + name
                        + "] imports from itself; import from another account");
            }
        }
        signingKeys = signingKeys == null ? List.of() : List.copyOf(signingKeys);
        unique(at + ".signing_keys", "signing key", signingKeys.stream().map(SigningKeySpec::name).toList());
        revocations = revocations == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(revocations));
        defaultPermissions = Objects.requireNonNullElse(defaultPermissions, Permissions.NONE);
        Checks.permissions(at + ".default_permissions", defaultPermissions);
        if (mappings == null) {
            mappings = Map.of();
        } else {
            Map<String, List<WeightedMapping>> copy = new TreeMap<>();
            mappings.forEach((k, v) -> {
                Subjects.require(at + ".mappings", k);
                for (WeightedMapping m : v) {
                    Subjects.require(at + ".mappings." + k, m.subject());
                    if (m.weight() < 0 || m.weight() > 100) {
                        throw new InvalidSpecException(at + ".mappings." + k, "weight [" + m.weight()
                                + "] must be between 0 and 100");
                    }
                }
                copy.put(k, List.copyOf(v));
            });
            mappings = Collections.unmodifiableMap(copy);
        }
        authorization = Objects.requireNonNullElse(authorization, AuthorizationSpec.NONE);
        description = description == null ? "" : description;
        infoUrl = infoUrl == null ? "" : infoUrl;
        AccountRules.check(at, limits, exports, imports, mappings, description, infoUrl);
        tags = tags == null ? List.of() : List.copyOf(Checks.tags(at + ".tags", tags));
        Checks.positive(at + ".expires", expires);
        users = users == null ? List.of() : List.copyOf(users);
        trace = trace == null ? null : Checks.trace(at + ".trace", trace);
        clusterTraffic = clusterTraffic == null ? "" : clusterTraffic;
        if (!CLUSTER_TRAFFIC.contains(clusterTraffic)) {
            throw new InvalidSpecException(at + ".cluster_traffic", "cluster traffic [" + clusterTraffic
                    + "] is unknown; use system or owner, or leave it out");
        }
        unique(at + ".users", "user", users.stream().map(UserSpec::name).toList());
        AuthorizationSpec.checkUsers(at, authorization, new java.util.TreeSet<>(users.stream().map(UserSpec::name)
                .toList()));
        Set<String> keyNames = new HashSet<>();
        signingKeys.forEach(k -> keyNames.add(k.name()));
        for (UserSpec u : users) {
            if (u.signingKey() != null) {
                SigningKeySpec key = signingKeys.stream().filter(k -> k.name().equals(u.signingKey())).findFirst()
                        .orElseThrow(() -> new InvalidSpecException(at + ".users." + u.name() + ".signing_key",
                                "no signing key [" + u.signingKey() + "] in account [" + name + "]; signing keys are: "
                                        + keyNames.stream().sorted().toList()));
                if (key.scoped() && !u.limits().equals(UserPermissionLimits.DEFAULT)) {
                    throw new InvalidSpecException(at + ".users." + u.name(), "user [" + u.name()
                            + "] is signed by scoped signing key [" + key.name() + "], whose template decides its "
                            + "permissions and limits; remove them from the user or use an unscoped key");
                }
            }
        }
    }

    /** Values of {@link #clusterTraffic()}, as the reference's {@code ClusterTraffic.Valid} accepts them. */
    private static final Set<String> CLUSTER_TRAFFIC = Set.of("", "system", "owner");

    /**
     * An account without auth callout, message tracing, cluster traffic or not-before, as before those claims
     * existed.
     *
     * @param name               the account's name
     * @param limits             account limits
     * @param exports            exports
     * @param imports            imports
     * @param signingKeys        signing keys
     * @param revocations        raw revocations
     * @param defaultPermissions default permissions
     * @param mappings           subject mappings
     * @param description        a description
     * @param infoUrl            a link to more information
     * @param tags               tags
     * @param expires            how long after issuing the account JWT expires, or {@code null}
     * @param users              the account's users
     */
    public AccountSpec(String name, AccountLimits limits, List<Export> exports, List<ImportSpec> imports,
                       List<SigningKeySpec> signingKeys, Map<String, Long> revocations, Permissions defaultPermissions,
                       Map<String, List<WeightedMapping>> mappings, String description, String infoUrl,
                       List<String> tags, Duration expires, List<UserSpec> users) {
        this(name, limits, exports, imports, signingKeys, revocations, defaultPermissions, mappings,
                AuthorizationSpec.NONE, description, infoUrl, tags, expires, users, null, "", null);
    }

    /**
     * @param value the auth callout section
     * @return a copy with that section
     */
    public AccountSpec withAuthorization(AuthorizationSpec value) {
        return new AccountSpec(name, limits, exports, imports, signingKeys, revocations, defaultPermissions,
                mappings, value, description, infoUrl, tags, expires, users, trace, clusterTraffic, notBefore);
    }

    private static void unique(String where, String what, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new InvalidSpecException(where, "duplicate " + what + " name [" + n + "]; names must be unique");
            }
        }
    }

    /**
     * @param userName a user name
     * @return the user, when the account has one by that name
     */
    public java.util.Optional<UserSpec> user(String userName) {
        return users.stream().filter(u -> u.name().equals(userName)).findFirst();
    }

    /**
     * @param name the account's name
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * @return a builder initialised with this account
     */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.limits = limits.toBuilder();
        b.exports.addAll(exports);
        b.imports.addAll(imports);
        b.signingKeys.addAll(signingKeys);
        b.revocations.putAll(revocations);
        b.defaultPermissions = defaultPermissions;
        b.mappings.putAll(mappings);
        b.authorization = authorization;
        b.description = description;
        b.infoUrl = infoUrl;
        b.tags.addAll(tags);
        b.expires = expires;
        b.trace = trace;
        b.clusterTraffic = clusterTraffic;
        b.notBefore = notBefore;
        users.forEach(u -> b.users.put(u.name(), u));
        return b;
    }

    /**
     * Builds an account the way nsc commands read: {@code .user("TestService", u -> u.allowSub("req.a"))},
     * {@code .exportService("req.>")}, {@code .importStream("Other", "x.>")}. Mutable; not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private AccountLimits.Builder limits = AccountLimits.builder();
        private final List<Export> exports = new ArrayList<>();
        private final List<ImportSpec> imports = new ArrayList<>();
        private final List<SigningKeySpec> signingKeys = new ArrayList<>();
        private final Map<String, Long> revocations = new TreeMap<>();
        private Permissions defaultPermissions = Permissions.NONE;
        private final Map<String, List<WeightedMapping>> mappings = new TreeMap<>();
        private AuthorizationSpec authorization = AuthorizationSpec.NONE;
        private String description = "";
        private String infoUrl = "";
        private final List<String> tags = new ArrayList<>();
        private Duration expires;
        private MessageTrace trace;
        private String clusterTraffic = "";
        private Instant notBefore;
        private final Map<String, UserSpec> users = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /** @param userName a user with default permissions ({@code nsc add user -n}) @return this */
        public Builder user(String userName) {
            UserSpec user;
            try {
                user = UserSpec.named(userName);
            } catch (InvalidSpecException e) {
                throw e.at("accounts." + name);
            }
            return user(user);
        }

        /**
         * @param userName  the user's name
         * @param configure sets the user's permissions, e.g. {@code u -> u.allowPub("_INBOX.>")}
         * @return this
         */
        public Builder user(String userName, Consumer<UserSpec.Builder> configure) {
            UserSpec.Builder b = users.containsKey(userName) ? users.get(userName).toBuilder()
                    : UserSpec.builder(userName);
            configure.accept(b);
            try {
                return user(b.build());
            } catch (InvalidSpecException e) {
                throw e.at("accounts." + name);
            }
        }

        /** @param user a user; replaces a user of the same name @return this */
        public Builder user(UserSpec user) {
            users.put(user.name(), user);
            return this;
        }

        /** @param userName a user to remove @return this */
        public Builder removeUser(String userName) {
            users.remove(userName);
            return this;
        }

        /** @param configure changes the account limits @return this */
        public Builder limits(Consumer<AccountLimits.Builder> configure) {
            configure.accept(limits);
            return this;
        }

        /** @param limits replaces the account limits @return this */
        public Builder limits(AccountLimits limits) {
            this.limits = limits.toBuilder();
            return this;
        }

        /** @param limits JetStream limits ({@link JetStreamLimits#UNLIMITED} to enable) @return this */
        public Builder jetStream(JetStreamLimits limits) {
            this.limits.jetStream(limits);
            return this;
        }

        /** @param subject a public service export ({@code nsc add export --service}) @return this */
        public Builder exportService(String subject) {
            return export(Export.of(subject, subject, ExportType.SERVICE));
        }

        /** @param subject a public stream export ({@code nsc add export}) @return this */
        public Builder exportStream(String subject) {
            return export(Export.of(subject, subject, ExportType.STREAM));
        }

        /** @param export an export with every option @return this */
        public Builder export(Export export) {
            exports.add(export);
            return this;
        }

        /** @param account exporting account @param subject subject @return this */
        public Builder importService(String account, String subject) {
            return importing(account, subject, ExportType.SERVICE);
        }

        /** @param account exporting account @param subject subject @return this */
        public Builder importStream(String account, String subject) {
            return importing(account, subject, ExportType.STREAM);
        }

        private Builder importing(String account, String subject, ExportType type) {
            ImportSpec spec;
            try {
                spec = ImportSpec.of(account, subject, type);
            } catch (InvalidSpecException e) {
                // An import's own paths start with "imports"; here its account and index are known.
                throw e.relocated("accounts." + name + ".imports[" + imports.size() + "]"
                        + e.where().substring("imports".length()));
            }
            return importing(spec);
        }

        /** @param spec an import with every option @return this */
        public Builder importing(ImportSpec spec) {
            imports.add(spec);
            return this;
        }

        /** @param key a signing key @return this */
        public Builder signingKey(SigningKeySpec key) {
            signingKeys.add(key);
            return this;
        }

        /** @param userKey a user public key or {@code *} @param at unix seconds @return this */
        public Builder revocation(String userKey, long at) {
            revocations.put(userKey, at);
            return this;
        }

        /** @param permissions default permissions @return this */
        public Builder defaultPermissions(Permissions permissions) {
            this.defaultPermissions = permissions;
            return this;
        }

        /** @param from source subject @param to destinations @return this */
        public Builder mapping(String from, List<WeightedMapping> to) {
            mappings.put(from, to);
            return this;
        }

        /**
         * Makes this a callout account: {@code .authCallout(a -> a.authUser("service").allowAccount("APP"))}.
         *
         * @param configure sets auth users, allowed accounts and the xkey
         * @return this
         */
        public Builder authCallout(Consumer<AuthorizationSpec.Builder> configure) {
            AuthorizationSpec.Builder b = new AuthorizationSpec.Builder();
            configure.accept(b);
            try {
                return authorization(b.build());
            } catch (InvalidSpecException e) {
                throw e.at("accounts." + name);
            }
        }

        /** @param value the auth callout section ({@link AuthorizationSpec#NONE} to turn it off) @return this */
        public Builder authorization(AuthorizationSpec value) {
            this.authorization = value;
            return this;
        }

        /** @param text description @return this */
        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /** @param url info URL @return this */
        public Builder infoUrl(String url) {
            this.infoUrl = url;
            return this;
        }

        /** @param values tags @return this */
        public Builder tags(String... values) {
            tags.addAll(List.of(values));
            return this;
        }

        /** @param validFor how long the account JWT stays valid @return this */
        public Builder expires(Duration validFor) {
            this.expires = validFor;
            return this;
        }

        /**
         * @param destination subject the server publishes message traces to (nats-server 2.11+)
         * @param sampling    percentage of sampled messages to trace, 1 to 100
         * @return this
         */
        public Builder trace(String destination, int sampling) {
            this.trace = new MessageTrace(destination, sampling);
            return this;
        }

        /** @param owner {@code system} or {@code owner} (nats-server 2.11+) @return this */
        public Builder clusterTraffic(String owner) {
            this.clusterTraffic = owner;
            return this;
        }

        /** @param at when the account JWT becomes valid @return this */
        public Builder notBefore(Instant at) {
            this.notBefore = at;
            return this;
        }

        /** @return the account */
        public AccountSpec build() {
            return new AccountSpec(name, limits.build(), exports, imports, signingKeys, revocations,
                    defaultPermissions, mappings, authorization, description, infoUrl, tags, expires,
                    new ArrayList<>(users.values()), trace, clusterTraffic, notBefore);
        }
    }
}
