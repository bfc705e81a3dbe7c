package dev.natssandbox.jwt;

import java.util.List;
import java.util.Map;

/**
 * Writes claims as the reference library (nats-io/jwt v2) serialises them: its struct order, its omitempty
 * choices (structs such as {@code pub}, {@code sub}, {@code limits} and {@code default_permissions} are always
 * written, zero numbers and empty strings/lists/maps are not) and its string escaping.
 */
final class ClaimsWriter {
    static final int VERSION = 2;

    private ClaimsWriter() {
    }

    /** The standard claims the jti hashes: aud, exp, iat, iss, name, nbf, sub (jti left out). */
    static String standardClaimsJson(String audience, long expires, long issuedAt, String issuer, String name,
                                     long notBefore, String subject) {
        GoJson j = new GoJson(256).beginObject();
        writeStandard(j, audience, expires, null, issuedAt, issuer, name, notBefore, subject);
        return j.endObject().toString();
    }

    static void writeStandard(GoJson j, String audience, long expires, String id, long issuedAt, String issuer,
                              String name, long notBefore, String subject) {
        j.stringOmitEmpty("aud", audience)
                .numberOmitZero("exp", expires)
                .stringOmitEmpty("jti", id)
                .numberOmitZero("iat", issuedAt)
                .stringOmitEmpty("iss", issuer)
                .stringOmitEmpty("name", name)
                .numberOmitZero("nbf", notBefore)
                .stringOmitEmpty("sub", subject);
    }

    static void writeNats(GoJson j, NatsClaims claims) {
        j.name("nats");
        if (claims instanceof OperatorClaims o) {
            writeOperator(j, o);
        } else if (claims instanceof AccountClaims a) {
            writeAccount(j, a);
        } else if (claims instanceof UserClaims u) {
            writeUser(j, u);
        } else if (claims instanceof ActivationClaims act) {
            j.beginObject()
                    .stringOmitEmpty("subject", act.subject())
                    .string("kind", act.kind().wireName())
                    .stringOmitEmpty("issuer_account", act.issuerAccount());
            writeGeneric(j, act.tags(), ActivationClaims.TYPE);
            j.endObject();
        } else if (claims instanceof AuthorizationRequestClaims request) {
            CalloutClaimsCodec.writeRequest(j, request);
        } else if (claims instanceof AuthorizationResponseClaims response) {
            CalloutClaimsCodec.writeResponse(j, response);
        } else if (claims instanceof OtherClaims other) {
            j.raw(other.natsJson());
        }
    }

    static void writeOperator(GoJson j, OperatorClaims o) {
        j.beginObject()
                .stringsOmitEmpty("signing_keys", o.signingKeys())
                .stringOmitEmpty("account_server_url", o.accountServerUrl())
                .stringsOmitEmpty("operator_service_urls", o.operatorServiceUrls())
                .stringOmitEmpty("system_account", o.systemAccount())
                .stringOmitEmpty("assert_server_version", o.assertServerVersion())
                .boolOmitFalse("strict_signing_key_usage", o.strictSigningKeyUsage());
        writeGeneric(j, o.tags(), OperatorClaims.TYPE);
        j.endObject();
    }

    static void writeUser(GoJson j, UserClaims u) {
        j.beginObject();
        writeUserPermissionLimits(j, u.limits());
        j.stringOmitEmpty("issuer_account", u.issuerAccount());
        writeGeneric(j, u.tags(), UserClaims.TYPE);
        j.endObject();
    }

    private static void writeGeneric(GoJson j, List<String> tags, String type) {
        j.stringsOmitEmpty("tags", tags).string("type", type).number("version", VERSION);
    }

    static void writeUserPermissionLimits(GoJson j, UserPermissionLimits u) {
        writePermissions(j, u.permissions());
        j.stringsOmitEmpty("src", u.src());
        if (!u.times().isEmpty()) {
            j.name("times").beginArray();
            for (TimeRange t : u.times()) {
                j.beginObject().stringOmitEmpty("start", t.start()).stringOmitEmpty("end", t.end()).endObject();
            }
            j.endArray();
        }
        j.stringOmitEmpty("times_location", u.timesLocation())
                .numberOmitZero("subs", u.subs())
                .numberOmitZero("data", u.data())
                .numberOmitZero("payload", u.payload())
                .boolOmitFalse("bearer_token", u.bearerToken())
                .boolOmitFalse("proxy_required", u.proxyRequired())
                .stringsOmitEmpty("allowed_connection_types", u.allowedConnectionTypes());
    }

    static void writePermissions(GoJson j, Permissions p) {
        writePermission(j, "pub", p.pub());
        writePermission(j, "sub", p.sub());
        if (p.resp() != null) {
            j.name("resp").beginObject()
                    .number("max", p.resp().maxMessages())
                    .number("ttl", p.resp().ttl().toNanos())
                    .endObject();
        }
    }

    private static void writePermission(GoJson j, String name, Permission p) {
        j.name(name).beginObject()
                .stringsOmitEmpty("allow", p.allow())
                .stringsOmitEmpty("deny", p.deny())
                .endObject();
    }

    static void writeAccount(GoJson j, AccountClaims a) {
        j.beginObject();
        // AccountClaims holds imports, exports and signing keys in the reference's order (it sorts imports and
        // exports by subject before encoding); the order is part of the signed bytes.
        if (!a.imports().isEmpty()) {
            j.name("imports").beginArray();
            for (Import i : a.imports()) {
                writeImport(j, i);
            }
            j.endArray();
        }
        if (!a.exports().isEmpty()) {
            j.name("exports").beginArray();
            for (Export e : a.exports()) {
                writeExport(j, e);
            }
            j.endArray();
        }
        j.name("limits");
        writeLimits(j, a.limits());
        if (!a.signingKeys().isEmpty()) {
            j.name("signing_keys").beginArray();
            for (SigningKey k : a.signingKeys()) {
                if (k.scope() == null) {
                    j.value(k.key());
                } else {
                    j.beginObject()
                            .string("kind", "user_scope")
                            .string("key", k.key())
                            .string("role", k.scope().role())
                            .name("template").beginObject();
                    writeUserPermissionLimits(j, k.scope().template());
                    j.endObject().string("description", k.scope().description()).endObject();
                }
            }
            j.endArray();
        }
        j.longMapOmitEmpty("revocations", a.revocations());
        j.name("default_permissions").beginObject();
        writePermissions(j, a.defaultPermissions());
        j.endObject();
        if (!a.mappings().isEmpty()) {
            j.name("mappings").beginObject();
            for (Map.Entry<String, List<WeightedMapping>> e : a.mappings().entrySet()) {
                j.name(e.getKey()).beginArray();
                for (WeightedMapping m : e.getValue()) {
                    j.beginObject().string("subject", m.subject()).numberOmitZero("weight", m.weight())
                            .stringOmitEmpty("cluster", m.cluster()).endObject();
                }
                j.endArray();
            }
            j.endObject();
        }
        // nats-io/jwt writes the (auth callout) authorization struct even when empty.
        j.name("authorization").beginObject()
                .stringsOmitEmpty("auth_users", a.authorization().authUsers())
                .stringsOmitEmpty("allowed_accounts", a.authorization().allowedAccounts())
                .stringOmitEmpty("xkey", a.authorization().xkey())
                .endObject();
        if (a.trace() != null) {
            j.name("trace").beginObject()
                    .stringOmitEmpty("dest", a.trace().destination())
                    .numberOmitZero("sampling", a.trace().sampling())
                    .endObject();
        }
        j.stringOmitEmpty("cluster_traffic", a.clusterTraffic());
        j.stringOmitEmpty("description", a.description()).stringOmitEmpty("info_url", a.infoUrl());
        writeGeneric(j, a.tags(), AccountClaims.TYPE);
        j.endObject();
    }

    static void writeLimits(GoJson j, AccountLimits l) {
        j.beginObject()
                .numberOmitZero("subs", l.subs())
                .numberOmitZero("data", l.data())
                .numberOmitZero("payload", l.payload())
                .numberOmitZero("imports", l.imports())
                .numberOmitZero("exports", l.exports())
                .boolOmitFalse("wildcards", l.wildcards())
                .boolOmitFalse("disallow_bearer", l.disallowBearer())
                .numberOmitZero("conn", l.conn())
                .numberOmitZero("leaf", l.leaf());
        writeJetStream(j, l.jetStream());
        if (!l.tieredLimits().isEmpty()) {
            j.name("tiered_limits").beginObject();
            for (Map.Entry<String, JetStreamLimits> e : l.tieredLimits().entrySet()) {
                j.name(e.getKey()).beginObject();
                writeJetStream(j, e.getValue());
                j.endObject();
            }
            j.endObject();
        }
        j.endObject();
    }

    private static void writeJetStream(GoJson j, JetStreamLimits js) {
        j.numberOmitZero("mem_storage", js.memoryStorage())
                .numberOmitZero("disk_storage", js.diskStorage())
                .numberOmitZero("streams", js.streams())
                .numberOmitZero("consumer", js.consumers())
                .numberOmitZero("max_ack_pending", js.maxAckPending())
                .numberOmitZero("mem_max_stream_bytes", js.memoryMaxStreamBytes())
                .numberOmitZero("disk_max_stream_bytes", js.diskMaxStreamBytes())
                .boolOmitFalse("max_bytes_required", js.maxBytesRequired());
    }

    private static void writeImport(GoJson j, Import i) {
        j.beginObject()
                .stringOmitEmpty("name", i.name())
                .stringOmitEmpty("subject", i.subject())
                .stringOmitEmpty("account", i.account())
                .stringOmitEmpty("token", i.token())
                .stringOmitEmpty("to", i.to())
                .stringOmitEmpty("local_subject", i.localSubject())
                .string("type", i.type().wireName())
                .boolOmitFalse("share", i.share())
                .boolOmitFalse("allow_trace", i.allowTrace())
                .endObject();
    }

    private static void writeExport(GoJson j, Export e) {
        j.beginObject()
                .stringOmitEmpty("name", e.name())
                .stringOmitEmpty("subject", e.subject())
                .string("type", e.type().wireName())
                .boolOmitFalse("token_req", e.tokenRequired())
                .longMapOmitEmpty("revocations", e.revocations())
                .stringOmitEmpty("response_type", e.responseType() == null ? "" : e.responseType().wireName())
                .numberOmitZero("response_threshold", e.responseThreshold().toNanos());
        if (e.latency() != null) {
            j.name("service_latency").beginObject().name("sampling");
            if (e.latency().sampling() == 0) {
                j.value("headers");
            } else {
                j.value(e.latency().sampling());
            }
            j.string("results", e.latency().results()).endObject();
        }
        j.numberOmitZero("account_token_position", e.accountTokenPosition())
                .boolOmitFalse("advertise", e.advertise())
                .boolOmitFalse("allow_trace", e.allowTrace())
                .stringOmitEmpty("description", e.description())
                .stringOmitEmpty("info_url", e.infoUrl())
                .endObject();
    }
}
