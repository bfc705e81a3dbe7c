package dev.natssandbox.jwt;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static dev.natssandbox.jwt.ClaimsReader.number;
import static dev.natssandbox.jwt.ClaimsReader.strings;
import static dev.natssandbox.jwt.ClaimsReader.text;

/**
 * Writes and reads the auth callout tokens' {@code nats} sections in nats-io/jwt v2.8's struct order and omitempty
 * choices ({@code authorization_claims.go}): {@code server_id.name/host/id}, {@code user_nkey} and
 * {@code connect_opts.protocol} are always written, everything else only when set.
 */
final class CalloutClaimsCodec {
    private CalloutClaimsCodec() {
    }

    static void writeRequest(GoJson j, AuthorizationRequestClaims r) {
        AuthorizationRequestClaims.ServerId s = r.server();
        j.beginObject().name("server_id").beginObject()
                .string("name", s.name()).string("host", s.host()).string("id", s.id())
                .stringOmitEmpty("version", s.version()).stringOmitEmpty("cluster", s.cluster())
                .stringsOmitEmpty("tags", s.tags()).stringOmitEmpty("xkey", s.xkey())
                .endObject();
        j.string("user_nkey", r.userNkey());
        AuthorizationRequestClaims.ClientInformation c = r.clientInfo();
        j.name("client_info").beginObject()
                .stringOmitEmpty("host", c.host()).numberOmitZero("id", c.id()).stringOmitEmpty("user", c.user())
                .stringOmitEmpty("name", c.name()).stringsOmitEmpty("tags", c.tags())
                .stringOmitEmpty("name_tag", c.nameTag()).stringOmitEmpty("kind", c.kind())
                .stringOmitEmpty("type", c.type()).stringOmitEmpty("mqtt_id", c.mqttId())
                .stringOmitEmpty("nonce", c.nonce())
                .endObject();
        AuthorizationRequestClaims.ConnectOptions o = r.connectOptions();
        j.name("connect_opts").beginObject()
                .stringOmitEmpty("jwt", o.jwt()).stringOmitEmpty("nkey", o.nkey())
                .stringOmitEmpty("sig", o.signedNonce()).stringOmitEmpty("auth_token", o.token())
                .stringOmitEmpty("user", o.username()).stringOmitEmpty("pass", o.password())
                .stringOmitEmpty("name", o.name()).stringOmitEmpty("lang", o.lang())
                .stringOmitEmpty("version", o.version()).number("protocol", o.protocol())
                .endObject();
        if (r.tls() != null) {
            AuthorizationRequestClaims.ClientTls t = r.tls();
            j.name("client_tls").beginObject()
                    .stringOmitEmpty("version", t.version()).stringOmitEmpty("cipher", t.cipher())
                    .stringsOmitEmpty("certs", t.certs());
            if (!t.verifiedChains().isEmpty()) {
                j.name("verified_chains").beginArray();
                for (List<String> chain : t.verifiedChains()) {
                    // A nil StringList inside the slice is written as null by encoding/json.
                    if (chain.isEmpty()) {
                        j.raw("null");
                    } else {
                        j.beginArray();
                        chain.forEach(j::value);
                        j.endArray();
                    }
                }
                j.endArray();
            }
            j.endObject();
        }
        j.stringOmitEmpty("request_nonce", r.requestNonce());
        generic(j, r.tags(), AuthorizationRequestClaims.TYPE);
    }

    static void writeResponse(GoJson j, AuthorizationResponseClaims r) {
        j.beginObject()
                .stringOmitEmpty("jwt", r.jwt())
                .stringOmitEmpty("error", r.error())
                .stringOmitEmpty("issuer_account", r.issuerAccount());
        generic(j, r.tags(), AuthorizationResponseClaims.TYPE);
    }

    private static void generic(GoJson j, List<String> tags, String type) {
        j.stringsOmitEmpty("tags", tags).string("type", type).number("version", ClaimsWriter.VERSION).endObject();
    }

    static AuthorizationRequestClaims readRequest(JsonNode n, List<String> tags) {
        JsonNode s = n.path("server_id");
        String sat = "nats.server_id";
        var server = AuthorizationRequestClaims.ServerId.builder().name(text(s, "name", sat))
                .host(text(s, "host", sat)).id(text(s, "id", sat)).version(text(s, "version", sat))
                .cluster(text(s, "cluster", sat)).tags(strings(s, "tags", sat + ".tags")).xkey(text(s, "xkey", sat))
                .build();
        JsonNode c = n.path("client_info");
        String cat = "nats.client_info";
        var client = AuthorizationRequestClaims.ClientInformation.builder().host(text(c, "host", cat))
                .id(number(c, "id", cat)).user(text(c, "user", cat)).name(text(c, "name", cat))
                .tags(strings(c, "tags", cat + ".tags")).nameTag(text(c, "name_tag", cat))
                .kind(text(c, "kind", cat)).type(text(c, "type", cat)).mqttId(text(c, "mqtt_id", cat))
                .nonce(text(c, "nonce", cat)).build();
        JsonNode o = n.path("connect_opts");
        String oat = "nats.connect_opts";
        var connect = AuthorizationRequestClaims.ConnectOptions.builder().jwt(text(o, "jwt", oat))
                .nkey(text(o, "nkey", oat)).signedNonce(text(o, "sig", oat)).token(text(o, "auth_token", oat))
                .username(text(o, "user", oat)).password(text(o, "pass", oat)).name(text(o, "name", oat))
                .lang(text(o, "lang", oat)).version(text(o, "version", oat))
                .protocol((int) number(o, "protocol", oat)).build();
        AuthorizationRequestClaims.ClientTls tls = null;
        JsonNode t = n.get("client_tls");
        if (t != null && !t.isNull()) {
            String tat = "nats.client_tls";
            List<List<String>> chains = new ArrayList<>();
            JsonNode vc = t.get("verified_chains");
            if (vc != null && vc.isArray()) {
                for (JsonNode chain : vc) {
                    chains.add(chain.isNull() ? List.of() : readStrings(chain, tat + ".verified_chains"));
                }
            }
            tls = AuthorizationRequestClaims.ClientTls.builder().version(text(t, "version", tat))
                    .cipher(text(t, "cipher", tat)).certs(strings(t, "certs", tat + ".certs"))
                    .verifiedChains(chains).build();
        }
        return AuthorizationRequestClaims.builder().server(server).userNkey(text(n, "user_nkey", "nats"))
                .clientInfo(client).connectOptions(connect).tls(tls).requestNonce(text(n, "request_nonce", "nats"))
                .tags(tags).build();
    }

    private static List<String> readStrings(JsonNode array, String at) {
        if (!array.isArray()) {
            throw new JwtException(at + " must contain arrays of strings, got " + array.getNodeType());
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : array) {
            if (!e.isTextual()) {
                throw new JwtException(at + " must contain only strings, got [" + e + "]");
            }
            out.add(e.asText());
        }
        return out;
    }

    static AuthorizationResponseClaims readResponse(JsonNode n, List<String> tags) {
        return AuthorizationResponseClaims.builder().jwt(text(n, "jwt", "nats")).error(text(n, "error", "nats"))
                .issuerAccount(text(n, "issuer_account", "nats")).tags(tags).build();
    }
}
