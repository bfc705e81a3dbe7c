package dev.natssandbox.jwt;

import java.util.List;
import java.util.Objects;

/**
 * The {@code "nats"} section of an {@code authorization_request} token: what nats-server (2.10+) knows about a
 * connecting client when it asks an auth callout service. The server signs it with its own key ({@code N…}); the
 * token's subject is the callout account (operator mode) or the configured issuer (config mode), its audience
 * {@value #AUDIENCE}. As nats-io/jwt v2.8 {@code AuthorizationRequest} has it.
 *
 * @param server         the server asking
 * @param userNkey       the public key ({@code U…}) the server made for this connection; the response and the user
 *                       JWT in it must have it as their subject
 * @param clientInfo     what the server knows about the client connection
 * @param connectOptions what the client sent in CONNECT (credentials included)
 * @param tls            the TLS state, or {@code null} for a plain connection
 * @param requestNonce   a nonce of the request, or empty
 * @param tags           tags
 */
public record AuthorizationRequestClaims(ServerId server, String userNkey, ClientInformation clientInfo,
                                         ConnectOptions connectOptions, ClientTls tls, String requestNonce,
                                         List<String> tags) implements NatsClaims {
    /** Wire value of {@link #type()}. */
    public static final String TYPE = "authorization_request";
    /** The audience nats-server gives requests ({@code AuthRequestSubject}). */
    public static final String AUDIENCE = "nats-authorization-request";

    /** Normalizes {@code null} (except {@code tls}, whose absence means a plain connection) and copies lists. */
    public AuthorizationRequestClaims {
        server = Objects.requireNonNullElse(server, new ServerId("", "", "", "", "", List.of(), ""));
        userNkey = userNkey == null ? "" : userNkey;
        clientInfo = Objects.requireNonNullElse(clientInfo, ClientInformation.EMPTY);
        connectOptions = Objects.requireNonNullElse(connectOptions, ConnectOptions.EMPTY);
        requestNonce = requestNonce == null ? "" : requestNonce;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * The server asking ({@code ServerID}).
     *
     * @param name    the server's name
     * @param host    the host it listens on
     * @param id      its id: its public key ({@code N…}); the response's audience
     * @param version its version, e.g. {@code 2.10.27}
     * @param cluster its cluster's name, or empty
     * @param tags    its tags
     * @param xkey    its public xkey ({@code X…}) when the request is encrypted: the response is sealed for it
     */
    public record ServerId(String name, String host, String id, String version, String cluster, List<String> tags,
                           String xkey) {
        /** Normalizes {@code null} and copies lists. */
        public ServerId {
            name = name == null ? "" : name;
            host = host == null ? "" : host;
            id = id == null ? "" : id;
            version = version == null ? "" : version;
            cluster = cluster == null ? "" : cluster;
            tags = tags == null ? List.of() : List.copyOf(tags);
            xkey = xkey == null ? "" : xkey;
        }
    }

    /**
     * The client connection ({@code ClientInformation}).
     *
     * @param host    the client's address
     * @param id      the server's connection id
     * @param user    the user name the client gave, or its nkey
     * @param name    the connection name
     * @param tags    tags
     * @param nameTag the name tag
     * @param kind    {@code Client}, {@code Leafnode} …
     * @param type    {@code nats}, {@code websocket}, {@code mqtt} …
     * @param mqttId  the MQTT client id, or empty
     * @param nonce   the nonce the client signed, when it signed one
     */
    public record ClientInformation(String host, long id, String user, String name, List<String> tags,
                                    String nameTag, String kind, String type, String mqttId, String nonce) {
        /** Nothing known. */
        public static final ClientInformation EMPTY = new ClientInformation("", 0, "", "", List.of(), "", "", "",
                "", "");

        /** Normalizes {@code null} and copies lists. */
        public ClientInformation {
            host = host == null ? "" : host;
            user = user == null ? "" : user;
            name = name == null ? "" : name;
            tags = tags == null ? List.of() : List.copyOf(tags);
            nameTag = nameTag == null ? "" : nameTag;
            kind = kind == null ? "" : kind;
            type = type == null ? "" : type;
            mqttId = mqttId == null ? "" : mqttId;
            nonce = nonce == null ? "" : nonce;
        }
    }

    /**
     * What the client sent in CONNECT ({@code ConnectOptions}). {@link #toString()} leaves out the password, token
     * and signature.
     *
     * @param jwt         a user JWT, when the client sent one
     * @param nkey        the client's nkey, when it sent one
     * @param signedNonce the signature over the server's nonce
     * @param token       the auth token
     * @param username    the user name
     * @param password    the password
     * @param name        the connection name
     * @param lang        the client library's language
     * @param version     the client library's version
     * @param protocol    the protocol level
     */
    public record ConnectOptions(String jwt, String nkey, String signedNonce, String token, String username,
                                 String password, String name, String lang, String version, int protocol) {
        /** Nothing sent. */
        public static final ConnectOptions EMPTY = new ConnectOptions("", "", "", "", "", "", "", "", "", 0);

        /** Normalizes {@code null}. */
        public ConnectOptions {
            jwt = jwt == null ? "" : jwt;
            nkey = nkey == null ? "" : nkey;
            signedNonce = signedNonce == null ? "" : signedNonce;
            token = token == null ? "" : token;
            username = username == null ? "" : username;
            password = password == null ? "" : password;
            name = name == null ? "" : name;
            lang = lang == null ? "" : lang;
            version = version == null ? "" : version;
        }

        /** @return the fields, with the secrets shown only as present or absent */
        @Override
        public String toString() {
            return "ConnectOptions[user=" + username + ", password=" + redacted(password) + ", token="
                    + redacted(token) + ", nkey=" + nkey + ", jwt=" + (jwt.isEmpty() ? "" : "<present>") + ", name="
                    + name + ", lang=" + lang + ", version=" + version + ", protocol=" + protocol + "]";
        }

        private static String redacted(String secret) {
            return secret.isEmpty() ? "" : "<redacted>";
        }
    }

    /**
     * The TLS state of the connection ({@code ClientTLS}).
     *
     * @param version        the TLS version
     * @param cipher         the cipher suite
     * @param certs          the client's certificates (PEM) when they were not verified
     * @param verifiedChains the verified chains (PEM), the client's certificate first
     */
    public record ClientTls(String version, String cipher, List<String> certs, List<List<String>> verifiedChains) {
        /** Normalizes {@code null} and copies lists. */
        public ClientTls {
            version = version == null ? "" : version;
            cipher = cipher == null ? "" : cipher;
            certs = certs == null ? List.of() : List.copyOf(certs);
            verifiedChains = verifiedChains == null ? List.of()
                    : verifiedChains.stream().map(List::copyOf).toList();
        }
    }
}
