package dev.natssandbox.sandbox;

import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.push.Deployment;
import dev.natssandbox.push.DeploymentException;
import dev.natssandbox.push.ServerAnswer;
import dev.natssandbox.server.ServerReloadException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The accounts of a sandbox whose servers run the NATS-based resolver. The resolver directory was filled before
 * start; afterwards new and changed accounts are pushed ({@code $SYS.REQ.CLAIMS.UPDATE}) and removed ones deleted
 * ({@code $SYS.REQ.CLAIMS.DELETE}, signed by the operator), each returning once every server answered: a full
 * resolver answers after it stored the JWT and updated the loaded account, or disabled it and closed its clients.
 *
 * <p>A cache resolver skips pushed accounts it has not loaded, and with no full resolver in reach nobody would
 * answer its lookup for a new account: the sandbox answers those lookups ({@code $SYS.REQ.ACCOUNT.*.CLAIMS.LOOKUP})
 * itself, as a full resolver peer would.
 */
final class NatsAccounts implements LiveAccounts {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String LOOKUP = "$SYS.REQ.ACCOUNT.*.CLAIMS.LOOKUP";

    private final Deployment deployment;
    private final Connection lookups;
    private final Map<String, String> served = new ConcurrentHashMap<>();

    private NatsAccounts(Deployment deployment, Connection lookups) {
        this.deployment = deployment;
        this.lookups = lookups;
    }

    /**
     * @param type    full or cache
     * @param h       what the servers were started with
     * @param url     a server's client URL
     * @param servers how many servers run the resolver
     */
    static NatsAccounts start(ResolverType type, Hierarchy h, String url, int servers) {
        UserIdentity sys = systemUser(h);
        Deployment deployment = Deployment.builder(url).creds(sys.creds()).expectServers(servers).timeout(TIMEOUT)
                .connect();
        if (type != ResolverType.CACHE) {
            return new NatsAccounts(deployment, null);
        }
        try {
            Connection nc = Nats.connect(SandboxConnections.options(url, h, sys).build());
            NatsAccounts accounts = new NatsAccounts(deployment, nc);
            h.accounts().forEach(a -> accounts.served.put(a.publicKey(), a.jwt()));
            Dispatcher d = nc.createDispatcher(m -> {
                String key = m.getSubject().split("\\.")[3];
                String jwt = accounts.served.get(key);
                // An empty answer tells the server at once that the account does not exist.
                nc.publish(m.getReplyTo(), jwt == null ? new byte[0] : jwt.getBytes(StandardCharsets.US_ASCII));
            });
            d.subscribe(LOOKUP);
            nc.flush(TIMEOUT); // the subscription is in place before the sandbox is handed out
            return accounts;
        } catch (IOException | TimeoutException e) {
            deployment.close();
            throw new NatsSandboxException("cannot answer account lookups of the cache resolver at [" + url + "]: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            deployment.close();
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while connecting to [" + url + "]", e);
        }
    }

    private static UserIdentity systemUser(Hierarchy h) {
        List<UserIdentity> users = h.systemAccount().users();
        if (users.isEmpty()) {
            throw new NatsSandboxException("system account [" + h.spec().systemAccount() + "] has no user to push "
                    + "accounts with; give it one");
        }
        return users.get(0);
    }

    @Override
    public int apply(Hierarchy before, Hierarchy after, Supplier<Connection> system) {
        Set<String> afterKeys = new HashSet<>();
        List<String> pushes = new ArrayList<>();
        for (AccountIdentity a : after.accounts()) {
            afterKeys.add(a.publicKey());
            served.put(a.publicKey(), a.jwt());
            boolean same = before.accounts().stream()
                    .anyMatch(o -> o.publicKey().equals(a.publicKey()) && o.jwt().equals(a.jwt()));
            if (!same) {
                pushes.add(a.jwt());
            }
        }
        List<String> removed = before.accounts().stream().map(AccountIdentity::publicKey)
                .filter(k -> !afterKeys.contains(k)).toList();
        try {
            if (!pushes.isEmpty()) {
                deployment.push(pushes).requireApplied();
            }
            if (!removed.isEmpty()) {
                removed.forEach(served::remove);
                List<ServerAnswer> answers = deployment.delete(removed, after.operator().accountSigner());
                List<ServerAnswer> refused = answers.stream().filter(a -> !a.ok()).toList();
                if (!refused.isEmpty()) {
                    throw new ServerReloadException("the server refused to delete accounts " + removed + ": "
                            + refused, null);
                }
            }
        } catch (DeploymentException e) {
            throw new ServerReloadException("the server did not apply the account change: " + e.getMessage(), e);
        }
        return pushes.size() + removed.size();
    }

    @Override
    public void close() {
        try {
            deployment.close();
        } finally {
            if (lookups != null) {
                try {
                    lookups.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
