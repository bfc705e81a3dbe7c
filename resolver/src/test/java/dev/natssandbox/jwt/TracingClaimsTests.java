package dev.natssandbox.jwt;

import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.natssandbox.jwt.TokenFixtures.CLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claims of jwt v2.8 that came after 2022: account {@code trace} and {@code cluster_traffic}, export and import
 * {@code allow_trace}. Their place in the struct order (after {@code authorization}; {@code allow_trace} after
 * {@code advertise} and {@code share}), omitempty, and reading them back.
 */
class TracingClaimsTests {
    private final NatsKeyPair exporter = NatsKeyPair.generate(KeyKind.ACCOUNT);
    private final NatsKeyPair operator = NatsKeyPair.generate(KeyKind.OPERATOR);

    private AccountClaims traced() {
        Export service = Export.builder("svc.a", ExportType.SERVICE).name("svc").advertise(true).description("d")
                .allowTrace(true).build();
        Import stream = Import.builder(exporter.publicKey(), "feed.>", ExportType.STREAM).name("feed")
                .allowTrace(true).build();
        return AccountClaims.builder().imports(List.of(stream)).exports(List.of(service)).description("about")
                .trace(new MessageTrace("trace.a", 50)).clusterTraffic(AccountClaims.CLUSTER_TRAFFIC_OWNER).build();
    }

    @Test
    void writesTraceAndClusterTrafficAfterAuthorizationAndAllowTraceAfterAdvertiseAndShare() {
        assertEquals("{\"imports\":[{\"name\":\"feed\",\"subject\":\"feed.\\u003e\",\"account\":\""
                + exporter.publicKey() + "\",\"type\":\"stream\",\"allow_trace\":true}],"
                + "\"exports\":[{\"name\":\"svc\",\"subject\":\"svc.a\","
                + "\"type\":\"service\",\"advertise\":true,\"allow_trace\":true,\"description\":\"d\"}],"
                + "\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,\"imports\":-1,\"exports\":-1,"
                + "\"wildcards\":true,\"conn\":-1,\"leaf\":-1},\"default_permissions\":{\"pub\":{},\"sub\":{}},"
                + "\"authorization\":{},\"trace\":{\"dest\":\"trace.a\",\"sampling\":50},\"cluster_traffic\":\"owner\","
                + "\"description\":\"about\",\"type\":\"account\",\"version\":2}", Jwts.natsJson(traced()));
    }

    @Test
    void leavesOutWhatIsNotSetButWritesAnEmptyTraceObjectAsTheReferencePointerDoes() {
        String none = Jwts.natsJson(AccountClaims.DEFAULT);
        assertTrue(!none.contains("trace") && !none.contains("cluster_traffic"), none);
        String empty = Jwts.natsJson(AccountClaims.DEFAULT.withTracing(new MessageTrace("", 0), ""));
        assertTrue(empty.contains("\"authorization\":{},\"trace\":{},\"type\""), empty);
    }

    @Test
    void readsBackEveryNewField() {
        AccountClaims claims = traced();
        String token = Jwts.encode(Jwts.Standard.of(exporter.publicKey(), "A"), claims, operator, CLOCK);
        assertEquals(claims, Jwts.decode(token).account());
    }

    @Test
    void aTokenWithoutTheNewFieldsReadsAsNoTracingAndDefaultClusterTraffic() {
        String token = Jwts.encode(Jwts.Standard.of(exporter.publicKey(), "A"), AccountClaims.DEFAULT, operator,
                CLOCK);
        AccountClaims read = Jwts.decode(token).account();
        assertNull(read.trace());
        assertEquals("", read.clusterTraffic());
    }

    @Test
    void aSamplingOutsideTheIntRangeIsRefusedNamingTheField() {
        AccountClaims huge = AccountClaims.DEFAULT.withTracing(new MessageTrace("t", 1), "");
        String json = Jwts.natsJson(huge).replace("\"sampling\":1", "\"sampling\":99999999999");
        String payload = "{\"iat\":1700000000,\"iss\":\"" + operator.publicKey() + "\",\"sub\":\""
                + exporter.publicKey() + "\",\"nats\":" + json + "}";
        String token = TokenFixtures.signV2(TokenFixtures.V2_HEADER, payload, operator);
        JwtException e = assertThrows(JwtException.class, () -> Jwts.decode(token));
        assertTrue(e.getMessage().contains("nats.trace.sampling [99999999999]"), e.getMessage());
    }
}
