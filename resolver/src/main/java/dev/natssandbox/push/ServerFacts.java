package dev.natssandbox.push;

import com.fasterxml.jackson.databind.JsonNode;
import dev.natssandbox.creds.Creds;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.jwt.UserClaims;
import io.nats.client.Connection;
import io.nats.client.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@link Deployment} learns from the server it connected to before it sends anything: the trusted operator and
 * system account ({@code VARZ}), and how many servers answer ({@code ROUTEZ}).
 */
final class ServerFacts {
    private ServerFacts() {
    }

    static Deployment read(Connection nc, String url, Creds creds, Duration timeout, int expectServers) {
        String id = nc.getServerInfo().getServerId();
        String user = creds.userPublicKey();
        Jwt userJwt = Jwts.decode(creds.jwt());
        String account = userJwt.claims() instanceof UserClaims u && !u.issuerAccount().isEmpty()
                ? u.issuerAccount() : userJwt.issuer();
        JsonNode varz;
        try {
            varz = request(nc, "$SYS.REQ.SERVER." + id + ".VARZ", timeout);
        } catch (Replies.NoRespondersException | Replies.NotPermittedException e) {
            throw new DeploymentException("user [" + user + "] of account [" + account + "] is not a system-account "
                    + "user of the deployment at [" + url + "] allowed to ask its servers (" + e.getMessage() + "). "
                    + "Give the creds of a user of the system account", e);
        }
        JsonNode data = varz.path("data");
        String system = data.path("system_account").asText("");
        JsonNode op = data.path("trusted_operators_claim").path(0);
        if (op.isMissingNode()) {
            throw new DeploymentException("the server at [" + url + "] trusts no operator (it does not run in "
                    + "operator mode); pushing accounts needs a server configured with an operator and a resolver");
        }
        List<String> signingKeys = new ArrayList<>();
        op.path("nats").path("signing_keys").forEach(k -> signingKeys.add(k.isTextual() ? k.asText()
                : k.path("key").asText()));
        TrustedOperator operator = new TrustedOperator(op.path("sub").asText(), op.path("name").asText(""),
                signingKeys, op.path("nats").path("strict_signing_key_usage").asBoolean(false));
        int servers = expectServers > 0 ? expectServers : 1 + routedServers(nc, id, timeout);
        return Deployment.of(nc, url, timeout, operator, system, servers);
    }

    /** @return how many other servers the connected one has routes to (several routes to one server count once) */
    private static int routedServers(Connection nc, String id, Duration timeout) {
        JsonNode routez = request(nc, "$SYS.REQ.SERVER." + id + ".ROUTEZ", timeout);
        Set<String> remotes = new HashSet<>();
        routez.path("data").path("routes").forEach(r -> remotes.add(r.path("remote_id").asText()));
        return remotes.size();
    }

    private static JsonNode request(Connection nc, String subject, Duration timeout) {
        List<Message> replies = Replies.collect(nc, subject, new byte[0], 1, timeout);
        if (replies.isEmpty()) {
            throw new DeploymentException("the server did not answer [" + subject + "] within " + timeout.toMillis()
                    + " ms");
        }
        JsonNode reply = Replies.json(replies.get(0), subject);
        if (reply.hasNonNull("error")) {
            throw new DeploymentException("the server refused [" + subject + "]: " + reply.path("error"));
        }
        return reply;
    }
}
