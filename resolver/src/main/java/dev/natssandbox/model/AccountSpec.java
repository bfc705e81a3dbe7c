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
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class AccountSpec {
    private final String name;
    private final AccountLimits limits;
    private final List<Export> exports;
    private final List<ImportSpec> imports;
    private final List<SigningKeySpec> signingKeys;
    private final Map<String, Long> revocations;
    private final Permissions defaultPermissions;
    private final Map<String, List<WeightedMapping>> mappings;
    private final AuthorizationSpec authorization;
    private final String description;
    private final String infoUrl;
    private final List<String> tags;
    private final Duration expires;
    private final List<UserSpec> users;
    private final MessageTrace trace;
    private final String clusterTraffic;
    private final Instant notBefore;

    /** Checks names, limits, subjects and duplicates within the account. */
    private AccountSpec(String name, AccountLimits limits, List<Export> exports, List<ImportSpec> imports,
                        List<SigningKeySpec> signingKeys, Map<String, Long> revocations, Permissions defaultPermissions,
                        Map<String, List<WeightedMapping>> mappings, AuthorizationSpec authorization,
                        String description, String infoUrl, List<String> tags, Duration expires, List<UserSpec> users,
                        MessageTrace trace, String clusterTraffic, Instant notBefore) {
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
        this.name = name;
        this.limits = limits;
        this.exports = exports;
        this.imports = imports;
        this.signingKeys = signingKeys;
        this.revocations = revocations;
        this.defaultPermissions = defaultPermissions;
        this.mappings = mappings;
        this.authorization = authorization;
        this.description = description;
        this.infoUrl = infoUrl;
        this.tags = tags;
        this.expires = expires;
        this.users = users;
        this.trace = trace;
        this.clusterTraffic = clusterTraffic;
        this.notBefore = notBefore;
    }

    /** Values of {@link #clusterTraffic()}, as the reference's {@code ClusterTraffic.Valid} accepts them. */
    private static final Set<String> CLUSTER_TRAFFIC = Set.of("", "system", "owner");

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
        b.users.addAll(users);
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
        private final List<UserSpec> users = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Replaces the content of a builder's list, copying first so a list may be passed to itself. */
        private static <T> void replace(List<T> target, List<T> values) {
            List<T> copy = new ArrayList<>(values);
            target.clear();
            target.addAll(copy);
        }

        /**
         * @param userName a user with default permissions ({@code nsc add user -n})
         * @return this
         */
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
            UserSpec.Builder b = users.stream().filter(u -> u.name().equals(userName)).findFirst()
                    .map(UserSpec::toBuilder).orElseGet(() -> UserSpec.builder(userName));
            configure.accept(b);
            try {
                return user(b.build());
            } catch (InvalidSpecException e) {
                throw e.at("accounts." + name);
            }
        }

        /**
         * @param user a user; replaces a user of the same name
         * @return this
         */
        public Builder user(UserSpec user) {
            for (int i = 0; i < users.size(); i++) {
                if (users.get(i).name().equals(user.name())) {
                    users.set(i, user);
                    return this;
                }
            }
            users.add(user);
            return this;
        }

        /**
         * @param values the account's users as they are, replacing any added before; {@link #build()} refuses two
         *               users of the same name
         * @return this
         */
        public Builder users(List<UserSpec> values) {
            replace(users, values);
            return this;
        }

        /**
         * @param userName a user to remove
         * @return this
         */
        public Builder removeUser(String userName) {
            users.removeIf(u -> u.name().equals(userName));
            return this;
        }

        /**
         * @param configure changes the account limits
         * @return this
         */
        public Builder limits(Consumer<AccountLimits.Builder> configure) {
            configure.accept(limits);
            return this;
        }

        /**
         * @param limits replaces the account limits
         * @return this
         */
        public Builder limits(AccountLimits limits) {
            this.limits = limits.toBuilder();
            return this;
        }

        /**
         * @param limits JetStream limits ({@link JetStreamLimits#UNLIMITED} to enable)
         * @return this
         */
        public Builder jetStream(JetStreamLimits limits) {
            this.limits.jetStream(limits);
            return this;
        }

        /**
         * @param subject a public service export ({@code nsc add export --service})
         * @return this
         */
        public Builder exportService(String subject) {
            return export(Export.of(subject, subject, ExportType.SERVICE));
        }

        /**
         * @param subject a public stream export ({@code nsc add export})
         * @return this
         */
        public Builder exportStream(String subject) {
            return export(Export.of(subject, subject, ExportType.STREAM));
        }

        /**
         * @param export an export with every option
         * @return this
         */
        public Builder export(Export export) {
            exports.add(export);
            return this;
        }

        /**
         * @param account exporting account
         * @param subject subject
         * @return this
         */
        public Builder importService(String account, String subject) {
            return importing(account, subject, ExportType.SERVICE);
        }

        /**
         * @param account exporting account
         * @param subject subject
         * @return this
         */
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

        /**
         * @param spec an import with every option
         * @return this
         */
        public Builder importing(ImportSpec spec) {
            imports.add(spec);
            return this;
        }

        /**
         * @param key a signing key
         * @return this
         */
        public Builder signingKey(SigningKeySpec key) {
            signingKeys.add(key);
            return this;
        }

        /**
         * @param userKey a user public key or {@code *}
         * @param at unix seconds
         * @return this
         */
        public Builder revocation(String userKey, long at) {
            revocations.put(userKey, at);
            return this;
        }

        /**
         * @param permissions default permissions
         * @return this
         */
        public Builder defaultPermissions(Permissions permissions) {
            this.defaultPermissions = permissions;
            return this;
        }

        /**
         * @param from source subject
         * @param to destinations
         * @return this
         */
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

        /**
         * @param value the auth callout section ({@link AuthorizationSpec#NONE} to turn it off)
         * @return this
         */
        public Builder authorization(AuthorizationSpec value) {
            this.authorization = value;
            return this;
        }

        /**
         * @param text description
         * @return this
         */
        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /**
         * @param url info URL
         * @return this
         */
        public Builder infoUrl(String url) {
            this.infoUrl = url;
            return this;
        }

        /**
         * @param values tags to add to those set before
         * @return this
         */
        public Builder tags(String... values) {
            tags.addAll(List.of(values));
            return this;
        }

        /**
         * @param validFor how long the account JWT stays valid
         * @return this
         */
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

        /**
         * @param owner {@code system} or {@code owner} (nats-server 2.11+)
         * @return this
         */
        public Builder clusterTraffic(String owner) {
            this.clusterTraffic = owner;
            return this;
        }

        /**
         * @param at when the account JWT becomes valid
         * @return this
         */
        public Builder notBefore(Instant at) {
            this.notBefore = at;
            return this;
        }

        /**
         * @param values the account's exports, replacing any added before
         * @return this
         */
        public Builder exports(List<Export> values) {
            replace(exports, values);
            return this;
        }

        /**
         * @param values the account's imports, replacing any added before
         * @return this
         */
        public Builder imports(List<ImportSpec> values) {
            replace(imports, values);
            return this;
        }

        /**
         * @param values the account's signing keys, replacing any added before
         * @return this
         */
        public Builder signingKeys(List<SigningKeySpec> values) {
            replace(signingKeys, values);
            return this;
        }

        /**
         * @param values the account's raw revocations, replacing any added before: user public key (or {@code *})
         *               to unix seconds
         * @return this
         */
        public Builder revocations(Map<String, Long> values) {
            Map<String, Long> copy = new LinkedHashMap<>(values);
            revocations.clear();
            revocations.putAll(copy);
            return this;
        }

        /**
         * @param values the account's subject mappings, replacing any added before: source subject to weighted
         *               destinations
         * @return this
         */
        public Builder mappings(Map<String, List<WeightedMapping>> values) {
            Map<String, List<WeightedMapping>> copy = new LinkedHashMap<>(values);
            mappings.clear();
            mappings.putAll(copy);
            return this;
        }

        /**
         * @param values the account's tags, replacing any set before
         * @return this
         */
        public Builder tags(List<String> values) {
            replace(tags, values);
            return this;
        }

        /**
         * @param value message tracing (nats-server 2.11+), or {@code null} for none
         * @return this
         */
        public Builder trace(MessageTrace value) {
            this.trace = value;
            return this;
        }

        /**
         * @return the account
         */
        public AccountSpec build() {
            return new AccountSpec(name, limits.build(), exports, imports, signingKeys, revocations,
                    defaultPermissions, mappings, authorization, description, infoUrl, tags, expires,
                    users, trace, clusterTraffic, notBefore);
        }
    }

    /**
     * @return the account's name, unique in the sandbox
     */
    public String name() {
        return name;
    }

    /**
     * @return account limits ({@link AccountLimits#DEFAULT}: unlimited, JetStream off)
     */
    public AccountLimits limits() {
        return limits;
    }

    /**
     * @return streams and services offered to other accounts
     */
    public List<Export> exports() {
        return exports;
    }

    /**
     * @return streams and services taken from other accounts, by account name
     */
    public List<ImportSpec> imports() {
        return imports;
    }

    /**
     * @return named signing keys that may issue users
     */
    public List<SigningKeySpec> signingKeys() {
        return signingKeys;
    }

    /**
     * @return raw revocations: user public key (or {@code *}) to unix seconds; use {@link UserSpec#revoked()} to
     *         revoke users of this spec by name
     */
    public Map<String, Long> revocations() {
        return revocations;
    }

    /**
     * @return permissions for users whose JWT carries none
     */
    public Permissions defaultPermissions() {
        return defaultPermissions;
    }

    /**
     * @return subject mappings
     */
    public Map<String, List<WeightedMapping>> mappings() {
        return mappings;
    }

    /**
     * @return auth callout ({@link AuthorizationSpec#NONE} when off)
     */
    public AuthorizationSpec authorization() {
        return authorization;
    }

    /**
     * @return a description
     */
    public String description() {
        return description;
    }

    /**
     * @return a link to more information
     */
    public String infoUrl() {
        return infoUrl;
    }

    /**
     * @return tags
     */
    public List<String> tags() {
        return tags;
    }

    /**
     * @return how long after issuing the account JWT expires, or {@code null} for never
     */
    public Duration expires() {
        return expires;
    }

    /**
     * @return the account's users
     */
    public List<UserSpec> users() {
        return users;
    }

    /**
     * @return message tracing (nats-server 2.11+), or {@code null} for none; a sampling of 0 becomes 100, as the
     *         reference's validation makes it
     */
    public MessageTrace trace() {
        return trace;
    }

    /**
     * @return which account carries the account's JetStream cluster traffic (nats-server 2.11+): {@code system},
     *         {@code owner}, or empty for the server's default
     */
    public String clusterTraffic() {
        return clusterTraffic;
    }

    /**
     * @return when the account JWT becomes valid, or {@code null} for immediately; until then the server refuses the
     *         account's users
     */
    public Instant notBefore() {
        return notBefore;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AccountSpec other)) {
            return false;
        }
        return Objects.equals(name, other.name)
                && Objects.equals(limits, other.limits)
                && Objects.equals(exports, other.exports)
                && Objects.equals(imports, other.imports)
                && Objects.equals(signingKeys, other.signingKeys)
                && Objects.equals(revocations, other.revocations)
                && Objects.equals(defaultPermissions, other.defaultPermissions)
                && Objects.equals(mappings, other.mappings)
                && Objects.equals(authorization, other.authorization)
                && Objects.equals(description, other.description)
                && Objects.equals(infoUrl, other.infoUrl)
                && Objects.equals(tags, other.tags)
                && Objects.equals(expires, other.expires)
                && Objects.equals(users, other.users)
                && Objects.equals(trace, other.trace)
                && Objects.equals(clusterTraffic, other.clusterTraffic)
                && Objects.equals(notBefore, other.notBefore);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, limits, exports, imports, signingKeys, revocations, defaultPermissions, mappings,
                authorization, description, infoUrl, tags, expires, users, trace, clusterTraffic, notBefore);
    }

    @Override
    public String toString() {
        return "AccountSpec[name=" + name + ", limits=" + limits + ", exports=" + exports + ", imports=" + imports
                + ", signingKeys=" + signingKeys + ", revocations=" + revocations
                + ", defaultPermissions=" + defaultPermissions + ", mappings=" + mappings
                + ", authorization=" + authorization + ", description=" + description + ", infoUrl=" + infoUrl
                + ", tags=" + tags + ", expires=" + expires + ", users=" + users + ", trace=" + trace
                + ", clusterTraffic=" + clusterTraffic + ", notBefore=" + notBefore + "]";
    }
}
