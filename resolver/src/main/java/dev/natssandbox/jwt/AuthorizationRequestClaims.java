package dev.natssandbox.jwt;

import java.util.List;
import java.util.Objects;

/**
 * The {@code "nats"} section of an {@code authorization_request} token: what nats-server (2.10+) knows about a
 * connecting client when it asks an auth callout service. The server signs it with its own key ({@code N…}); the
 * token's subject is the callout account (operator mode) or the configured issuer (config mode), its audience
 * {@value #AUDIENCE}. As nats-io/jwt v2.8 {@code AuthorizationRequest} has it.
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class AuthorizationRequestClaims implements NatsClaims {
    private final ServerId server;
    private final String userNkey;
    private final ClientInformation clientInfo;
    private final ConnectOptions connectOptions;
    private final ClientTls tls;
    private final String requestNonce;
    private final List<String> tags;
    /** Wire value of {@link #type()}. */
    public static final String TYPE = "authorization_request";
    /** The audience nats-server gives requests ({@code AuthRequestSubject}). */
    public static final String AUDIENCE = "nats-authorization-request";

    /** Normalizes {@code null} (except {@code tls}, whose absence means a plain connection) and copies lists. */
    private AuthorizationRequestClaims(ServerId server, String userNkey, ClientInformation clientInfo,
                                       ConnectOptions connectOptions, ClientTls tls, String requestNonce,
                                       List<String> tags) {
        server = Objects.requireNonNullElse(server, new ServerId("", "", "", "", "", List.of(), ""));
        userNkey = userNkey == null ? "" : userNkey;
        clientInfo = Objects.requireNonNullElse(clientInfo, ClientInformation.EMPTY);
        connectOptions = Objects.requireNonNullElse(connectOptions, ConnectOptions.EMPTY);
        requestNonce = requestNonce == null ? "" : requestNonce;
        tags = tags == null ? List.of() : List.copyOf(tags);
        this.server = server;
        this.userNkey = userNkey;
        this.clientInfo = clientInfo;
        this.connectOptions = connectOptions;
        this.tls = tls;
        this.requestNonce = requestNonce;
        this.tags = tags;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * The server asking ({@code ServerID}).
     *
     * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
     */
    public static final class ServerId {
        private final String name;
        private final String host;
        private final String id;
        private final String version;
        private final String cluster;
        private final List<String> tags;
        private final String xkey;
        /** Normalizes {@code null} and copies lists. */
        private ServerId(String name, String host, String id, String version, String cluster, List<String> tags,
                         String xkey) {
            name = name == null ? "" : name;
            host = host == null ? "" : host;
            id = id == null ? "" : id;
            version = version == null ? "" : version;
            cluster = cluster == null ? "" : cluster;
            tags = tags == null ? List.of() : List.copyOf(tags);
            xkey = xkey == null ? "" : xkey;
            this.name = name;
            this.host = host;
            this.id = id;
            this.version = version;
            this.cluster = cluster;
            this.tags = tags;
            this.xkey = xkey;
        }

        /**
         * @return the server's name
         */
        public String name() {
            return name;
        }

        /**
         * @return the host it listens on
         */
        public String host() {
            return host;
        }

        /**
         * @return its id: its public key ({@code N…}); the response's audience
         */
        public String id() {
            return id;
        }

        /**
         * @return its version, e.g. {@code 2.10.27}
         */
        public String version() {
            return version;
        }

        /**
         * @return its cluster's name, or empty
         */
        public String cluster() {
            return cluster;
        }

        /**
         * @return its tags
         */
        public List<String> tags() {
            return tags;
        }

        /**
         * @return its public xkey ({@code X…}) when the request is encrypted: the response is sealed for it
         */
        public String xkey() {
            return xkey;
        }

        /**
         * Starts a builder; every other value starts at its default.
         *
         * @return a builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * @return a builder that starts from this value
         */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.name = name;
            b.host = host;
            b.id = id;
            b.version = version;
            b.cluster = cluster;
            b.tags = tags;
            b.xkey = xkey;
            return b;
        }

        /**
         * Builds {@link ServerId} values; mutable, not thread-safe.
         */
        public static final class Builder {
            private String name;
            private String host;
            private String id;
            private String version;
            private String cluster;
            private List<String> tags;
            private String xkey;

            private Builder() {
            }

            /**
             * @param name the server's name
             * @return this builder
             */
            public Builder name(String name) {
                this.name = name;
                return this;
            }

            /**
             * @param host the host it listens on
             * @return this builder
             */
            public Builder host(String host) {
                this.host = host;
                return this;
            }

            /**
             * @param id its id: its public key ({@code N…}); the response's audience
             * @return this builder
             */
            public Builder id(String id) {
                this.id = id;
                return this;
            }

            /**
             * @param version its version, e.g. {@code 2.10.27}
             * @return this builder
             */
            public Builder version(String version) {
                this.version = version;
                return this;
            }

            /**
             * @param cluster its cluster's name, or empty
             * @return this builder
             */
            public Builder cluster(String cluster) {
                this.cluster = cluster;
                return this;
            }

            /**
             * @param tags its tags
             * @return this builder
             */
            public Builder tags(List<String> tags) {
                this.tags = tags;
                return this;
            }

            /**
             * @param xkey its public xkey ({@code X…}) when the request is encrypted: the response is sealed for it
             * @return this builder
             */
            public Builder xkey(String xkey) {
                this.xkey = xkey;
                return this;
            }

            /**
             * @return the value; checked as the type's rules require
             */
            public ServerId build() {
                return new ServerId(name, host, id, version, cluster, tags, xkey);
            }
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof ServerId other)) {
                return false;
            }
            return Objects.equals(name, other.name)
                    && Objects.equals(host, other.host)
                    && Objects.equals(id, other.id)
                    && Objects.equals(version, other.version)
                    && Objects.equals(cluster, other.cluster)
                    && Objects.equals(tags, other.tags)
                    && Objects.equals(xkey, other.xkey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, host, id, version, cluster, tags, xkey);
        }

        @Override
        public String toString() {
            return "ServerId[name=" + name + ", host=" + host + ", id=" + id + ", version=" + version
                    + ", cluster=" + cluster + ", tags=" + tags + ", xkey=" + xkey + "]";
        }
    }

    /**
     * The client connection ({@code ClientInformation}).
     *
     * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
     */
    public static final class ClientInformation {
        private final String host;
        private final long id;
        private final String user;
        private final String name;
        private final List<String> tags;
        private final String nameTag;
        private final String kind;
        private final String type;
        private final String mqttId;
        private final String nonce;
        /** Nothing known. */
        public static final ClientInformation EMPTY = new ClientInformation("", 0, "", "", List.of(), "", "", "",
                "", "");

        /** Normalizes {@code null} and copies lists. */
        private ClientInformation(String host, long id, String user, String name, List<String> tags, String nameTag,
                                  String kind, String type, String mqttId, String nonce) {
            host = host == null ? "" : host;
            user = user == null ? "" : user;
            name = name == null ? "" : name;
            tags = tags == null ? List.of() : List.copyOf(tags);
            nameTag = nameTag == null ? "" : nameTag;
            kind = kind == null ? "" : kind;
            type = type == null ? "" : type;
            mqttId = mqttId == null ? "" : mqttId;
            nonce = nonce == null ? "" : nonce;
            this.host = host;
            this.id = id;
            this.user = user;
            this.name = name;
            this.tags = tags;
            this.nameTag = nameTag;
            this.kind = kind;
            this.type = type;
            this.mqttId = mqttId;
            this.nonce = nonce;
        }

        /**
         * @return the client's address
         */
        public String host() {
            return host;
        }

        /**
         * @return the server's connection id
         */
        public long id() {
            return id;
        }

        /**
         * @return the user name the client gave, or its nkey
         */
        public String user() {
            return user;
        }

        /**
         * @return the connection name
         */
        public String name() {
            return name;
        }

        /**
         * @return tags
         */
        public List<String> tags() {
            return tags;
        }

        /**
         * @return the name tag
         */
        public String nameTag() {
            return nameTag;
        }

        /**
         * @return {@code Client}, {@code Leafnode} …
         */
        public String kind() {
            return kind;
        }

        /**
         * @return {@code nats}, {@code websocket}, {@code mqtt} …
         */
        public String type() {
            return type;
        }

        /**
         * @return the MQTT client id, or empty
         */
        public String mqttId() {
            return mqttId;
        }

        /**
         * @return the nonce the client signed, when it signed one
         */
        public String nonce() {
            return nonce;
        }

        /**
         * Starts a builder; every other value starts at its default.
         *
         * @return a builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * @return a builder that starts from this value
         */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.host = host;
            b.id = id;
            b.user = user;
            b.name = name;
            b.tags = tags;
            b.nameTag = nameTag;
            b.kind = kind;
            b.type = type;
            b.mqttId = mqttId;
            b.nonce = nonce;
            return b;
        }

        /**
         * Builds {@link ClientInformation} values; mutable, not thread-safe.
         */
        public static final class Builder {
            private String host;
            private long id;
            private String user;
            private String name;
            private List<String> tags;
            private String nameTag;
            private String kind;
            private String type;
            private String mqttId;
            private String nonce;

            private Builder() {
            }

            /**
             * @param host the client's address
             * @return this builder
             */
            public Builder host(String host) {
                this.host = host;
                return this;
            }

            /**
             * @param id the server's connection id
             * @return this builder
             */
            public Builder id(long id) {
                this.id = id;
                return this;
            }

            /**
             * @param user the user name the client gave, or its nkey
             * @return this builder
             */
            public Builder user(String user) {
                this.user = user;
                return this;
            }

            /**
             * @param name the connection name
             * @return this builder
             */
            public Builder name(String name) {
                this.name = name;
                return this;
            }

            /**
             * @param tags tags
             * @return this builder
             */
            public Builder tags(List<String> tags) {
                this.tags = tags;
                return this;
            }

            /**
             * @param nameTag the name tag
             * @return this builder
             */
            public Builder nameTag(String nameTag) {
                this.nameTag = nameTag;
                return this;
            }

            /**
             * @param kind {@code Client}, {@code Leafnode} …
             * @return this builder
             */
            public Builder kind(String kind) {
                this.kind = kind;
                return this;
            }

            /**
             * @param type {@code nats}, {@code websocket}, {@code mqtt} …
             * @return this builder
             */
            public Builder type(String type) {
                this.type = type;
                return this;
            }

            /**
             * @param mqttId the MQTT client id, or empty
             * @return this builder
             */
            public Builder mqttId(String mqttId) {
                this.mqttId = mqttId;
                return this;
            }

            /**
             * @param nonce the nonce the client signed, when it signed one
             * @return this builder
             */
            public Builder nonce(String nonce) {
                this.nonce = nonce;
                return this;
            }

            /**
             * @return the value; checked as the type's rules require
             */
            public ClientInformation build() {
                return new ClientInformation(host, id, user, name, tags, nameTag, kind, type, mqttId, nonce);
            }
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof ClientInformation other)) {
                return false;
            }
            return Objects.equals(host, other.host)
                    && id == other.id
                    && Objects.equals(user, other.user)
                    && Objects.equals(name, other.name)
                    && Objects.equals(tags, other.tags)
                    && Objects.equals(nameTag, other.nameTag)
                    && Objects.equals(kind, other.kind)
                    && Objects.equals(type, other.type)
                    && Objects.equals(mqttId, other.mqttId)
                    && Objects.equals(nonce, other.nonce);
        }

        @Override
        public int hashCode() {
            return Objects.hash(host, id, user, name, tags, nameTag, kind, type, mqttId, nonce);
        }

        @Override
        public String toString() {
            return "ClientInformation[host=" + host + ", id=" + id + ", user=" + user + ", name=" + name
                    + ", tags=" + tags + ", nameTag=" + nameTag + ", kind=" + kind + ", type=" + type
                    + ", mqttId=" + mqttId + ", nonce=" + nonce + "]";
        }
    }

    /**
     * What the client sent in CONNECT ({@code ConnectOptions}). {@link #toString()} leaves out the password, token
     * and signature.
     *
     * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
     */
    public static final class ConnectOptions {
        private final String jwt;
        private final String nkey;
        private final String signedNonce;
        private final String token;
        private final String username;
        private final String password;
        private final String name;
        private final String lang;
        private final String version;
        private final int protocol;
        /** Nothing sent. */
        public static final ConnectOptions EMPTY = new ConnectOptions("", "", "", "", "", "", "", "", "", 0);

        /** Normalizes {@code null}. */
        private ConnectOptions(String jwt, String nkey, String signedNonce, String token, String username,
                               String password, String name, String lang, String version, int protocol) {
            jwt = jwt == null ? "" : jwt;
            nkey = nkey == null ? "" : nkey;
            signedNonce = signedNonce == null ? "" : signedNonce;
            token = token == null ? "" : token;
            username = username == null ? "" : username;
            password = password == null ? "" : password;
            name = name == null ? "" : name;
            lang = lang == null ? "" : lang;
            version = version == null ? "" : version;
            this.jwt = jwt;
            this.nkey = nkey;
            this.signedNonce = signedNonce;
            this.token = token;
            this.username = username;
            this.password = password;
            this.name = name;
            this.lang = lang;
            this.version = version;
            this.protocol = protocol;
        }

        /**
         * @return the fields, with the secrets shown only as present or absent
         */
        @Override
        public String toString() {
            return "ConnectOptions[user=" + username + ", password=" + redacted(password) + ", token="
                    + redacted(token) + ", nkey=" + nkey + ", jwt=" + (jwt.isEmpty() ? "" : "<present>") + ", name="
                    + name + ", lang=" + lang + ", version=" + version + ", protocol=" + protocol + "]";
        }

        private static String redacted(String secret) {
            return secret.isEmpty() ? "" : "<redacted>";
        }

        /**
         * @return a user JWT, when the client sent one
         */
        public String jwt() {
            return jwt;
        }

        /**
         * @return the client's nkey, when it sent one
         */
        public String nkey() {
            return nkey;
        }

        /**
         * @return the signature over the server's nonce
         */
        public String signedNonce() {
            return signedNonce;
        }

        /**
         * @return the auth token
         */
        public String token() {
            return token;
        }

        /**
         * @return the user name
         */
        public String username() {
            return username;
        }

        /**
         * @return the password
         */
        public String password() {
            return password;
        }

        /**
         * @return the connection name
         */
        public String name() {
            return name;
        }

        /**
         * @return the client library's language
         */
        public String lang() {
            return lang;
        }

        /**
         * @return the client library's version
         */
        public String version() {
            return version;
        }

        /**
         * @return the protocol level
         */
        public int protocol() {
            return protocol;
        }

        /**
         * Starts a builder; every other value starts at its default.
         *
         * @return a builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * @return a builder that starts from this value
         */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.jwt = jwt;
            b.nkey = nkey;
            b.signedNonce = signedNonce;
            b.token = token;
            b.username = username;
            b.password = password;
            b.name = name;
            b.lang = lang;
            b.version = version;
            b.protocol = protocol;
            return b;
        }

        /**
         * Builds {@link ConnectOptions} values; mutable, not thread-safe.
         */
        public static final class Builder {
            private String jwt;
            private String nkey;
            private String signedNonce;
            private String token;
            private String username;
            private String password;
            private String name;
            private String lang;
            private String version;
            private int protocol;

            private Builder() {
            }

            /**
             * @param jwt a user JWT, when the client sent one
             * @return this builder
             */
            public Builder jwt(String jwt) {
                this.jwt = jwt;
                return this;
            }

            /**
             * @param nkey the client's nkey, when it sent one
             * @return this builder
             */
            public Builder nkey(String nkey) {
                this.nkey = nkey;
                return this;
            }

            /**
             * @param signedNonce the signature over the server's nonce
             * @return this builder
             */
            public Builder signedNonce(String signedNonce) {
                this.signedNonce = signedNonce;
                return this;
            }

            /**
             * @param token the auth token
             * @return this builder
             */
            public Builder token(String token) {
                this.token = token;
                return this;
            }

            /**
             * @param username the user name
             * @return this builder
             */
            public Builder username(String username) {
                this.username = username;
                return this;
            }

            /**
             * @param password the password
             * @return this builder
             */
            public Builder password(String password) {
                this.password = password;
                return this;
            }

            /**
             * @param name the connection name
             * @return this builder
             */
            public Builder name(String name) {
                this.name = name;
                return this;
            }

            /**
             * @param lang the client library's language
             * @return this builder
             */
            public Builder lang(String lang) {
                this.lang = lang;
                return this;
            }

            /**
             * @param version the client library's version
             * @return this builder
             */
            public Builder version(String version) {
                this.version = version;
                return this;
            }

            /**
             * @param protocol the protocol level
             * @return this builder
             */
            public Builder protocol(int protocol) {
                this.protocol = protocol;
                return this;
            }

            /**
             * @return the value; checked as the type's rules require
             */
            public ConnectOptions build() {
                return new ConnectOptions(jwt, nkey, signedNonce, token, username, password, name, lang, version,
                        protocol);
            }
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof ConnectOptions other)) {
                return false;
            }
            return Objects.equals(jwt, other.jwt)
                    && Objects.equals(nkey, other.nkey)
                    && Objects.equals(signedNonce, other.signedNonce)
                    && Objects.equals(token, other.token)
                    && Objects.equals(username, other.username)
                    && Objects.equals(password, other.password)
                    && Objects.equals(name, other.name)
                    && Objects.equals(lang, other.lang)
                    && Objects.equals(version, other.version)
                    && protocol == other.protocol;
        }

        @Override
        public int hashCode() {
            return Objects.hash(jwt, nkey, signedNonce, token, username, password, name, lang, version, protocol);
        }
    }

    /**
     * The TLS state of the connection ({@code ClientTLS}).
     *
     * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
     */
    public static final class ClientTls {
        private final String version;
        private final String cipher;
        private final List<String> certs;
        private final List<List<String>> verifiedChains;
        /** Normalizes {@code null} and copies lists. */
        private ClientTls(String version, String cipher, List<String> certs, List<List<String>> verifiedChains) {
            version = version == null ? "" : version;
            cipher = cipher == null ? "" : cipher;
            certs = certs == null ? List.of() : List.copyOf(certs);
            verifiedChains = verifiedChains == null ? List.of()
                    : verifiedChains.stream().map(List::copyOf).toList();
            this.version = version;
            this.cipher = cipher;
            this.certs = certs;
            this.verifiedChains = verifiedChains;
        }

        /**
         * @return the TLS version
         */
        public String version() {
            return version;
        }

        /**
         * @return the cipher suite
         */
        public String cipher() {
            return cipher;
        }

        /**
         * @return the client's certificates (PEM) when they were not verified
         */
        public List<String> certs() {
            return certs;
        }

        /**
         * @return the verified chains (PEM), the client's certificate first
         */
        public List<List<String>> verifiedChains() {
            return verifiedChains;
        }

        /**
         * Starts a builder; every other value starts at its default.
         *
         * @return a builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * @return a builder that starts from this value
         */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.version = version;
            b.cipher = cipher;
            b.certs = certs;
            b.verifiedChains = verifiedChains;
            return b;
        }

        /**
         * Builds {@link ClientTls} values; mutable, not thread-safe.
         */
        public static final class Builder {
            private String version;
            private String cipher;
            private List<String> certs;
            private List<List<String>> verifiedChains;

            private Builder() {
            }

            /**
             * @param version the TLS version
             * @return this builder
             */
            public Builder version(String version) {
                this.version = version;
                return this;
            }

            /**
             * @param cipher the cipher suite
             * @return this builder
             */
            public Builder cipher(String cipher) {
                this.cipher = cipher;
                return this;
            }

            /**
             * @param certs the client's certificates (PEM) when they were not verified
             * @return this builder
             */
            public Builder certs(List<String> certs) {
                this.certs = certs;
                return this;
            }

            /**
             * @param verifiedChains the verified chains (PEM), the client's certificate first
             * @return this builder
             */
            public Builder verifiedChains(List<List<String>> verifiedChains) {
                this.verifiedChains = verifiedChains;
                return this;
            }

            /**
             * @return the value; checked as the type's rules require
             */
            public ClientTls build() {
                return new ClientTls(version, cipher, certs, verifiedChains);
            }
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof ClientTls other)) {
                return false;
            }
            return Objects.equals(version, other.version)
                    && Objects.equals(cipher, other.cipher)
                    && Objects.equals(certs, other.certs)
                    && Objects.equals(verifiedChains, other.verifiedChains);
        }

        @Override
        public int hashCode() {
            return Objects.hash(version, cipher, certs, verifiedChains);
        }

        @Override
        public String toString() {
            return "ClientTls[version=" + version + ", cipher=" + cipher + ", certs=" + certs
                    + ", verifiedChains=" + verifiedChains + "]";
        }
    }

    /**
     * @return the server asking
     */
    public ServerId server() {
        return server;
    }

    /**
     * @return the public key ({@code U…}) the server made for this connection; the response and the user JWT in it
     *         must have it as their subject
     */
    public String userNkey() {
        return userNkey;
    }

    /**
     * @return what the server knows about the client connection
     */
    public ClientInformation clientInfo() {
        return clientInfo;
    }

    /**
     * @return what the client sent in CONNECT (credentials included)
     */
    public ConnectOptions connectOptions() {
        return connectOptions;
    }

    /**
     * @return the TLS state, or {@code null} for a plain connection
     */
    public ClientTls tls() {
        return tls;
    }

    /**
     * @return a nonce of the request, or empty
     */
    public String requestNonce() {
        return requestNonce;
    }

    /**
     * @return tags
     */
    public List<String> tags() {
        return tags;
    }

    /**
     * Starts a builder; every other value starts at its default.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a builder that starts from this value
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.server = server;
        b.userNkey = userNkey;
        b.clientInfo = clientInfo;
        b.connectOptions = connectOptions;
        b.tls = tls;
        b.requestNonce = requestNonce;
        b.tags = tags;
        return b;
    }

    /**
     * Builds {@link AuthorizationRequestClaims} values; mutable, not thread-safe.
     */
    public static final class Builder {
        private ServerId server;
        private String userNkey;
        private ClientInformation clientInfo;
        private ConnectOptions connectOptions;
        private ClientTls tls;
        private String requestNonce;
        private List<String> tags;

        private Builder() {
        }

        /**
         * @param server the server asking
         * @return this builder
         */
        public Builder server(ServerId server) {
            this.server = server;
            return this;
        }

        /**
         * @param userNkey the public key ({@code U…}) the server made for this connection; the response and the user
         *                JWT in it must have it as their subject
         * @return this builder
         */
        public Builder userNkey(String userNkey) {
            this.userNkey = userNkey;
            return this;
        }

        /**
         * @param clientInfo what the server knows about the client connection
         * @return this builder
         */
        public Builder clientInfo(ClientInformation clientInfo) {
            this.clientInfo = clientInfo;
            return this;
        }

        /**
         * @param connectOptions what the client sent in CONNECT (credentials included)
         * @return this builder
         */
        public Builder connectOptions(ConnectOptions connectOptions) {
            this.connectOptions = connectOptions;
            return this;
        }

        /**
         * @param tls the TLS state, or {@code null} for a plain connection
         * @return this builder
         */
        public Builder tls(ClientTls tls) {
            this.tls = tls;
            return this;
        }

        /**
         * @param requestNonce a nonce of the request, or empty
         * @return this builder
         */
        public Builder requestNonce(String requestNonce) {
            this.requestNonce = requestNonce;
            return this;
        }

        /**
         * @param tags tags
         * @return this builder
         */
        public Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        /**
         * @return the value; checked as the type's rules require
         */
        public AuthorizationRequestClaims build() {
            return new AuthorizationRequestClaims(server, userNkey, clientInfo, connectOptions, tls, requestNonce,
                    tags);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AuthorizationRequestClaims other)) {
            return false;
        }
        return Objects.equals(server, other.server)
                && Objects.equals(userNkey, other.userNkey)
                && Objects.equals(clientInfo, other.clientInfo)
                && Objects.equals(connectOptions, other.connectOptions)
                && Objects.equals(tls, other.tls)
                && Objects.equals(requestNonce, other.requestNonce)
                && Objects.equals(tags, other.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(server, userNkey, clientInfo, connectOptions, tls, requestNonce, tags);
    }

    @Override
    public String toString() {
        return "AuthorizationRequestClaims[server=" + server + ", userNkey=" + userNkey + ", clientInfo=" + clientInfo
                + ", connectOptions=" + connectOptions + ", tls=" + tls + ", requestNonce=" + requestNonce
                + ", tags=" + tags + "]";
    }
}
