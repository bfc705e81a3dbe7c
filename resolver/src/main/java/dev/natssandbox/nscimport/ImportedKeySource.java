package dev.natssandbox.nscimport;

import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.provision.KeySource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of an imported environment by name. Names the environment does not have (a system account the sandbox
 * adds, a user added to the running sandbox) get a new key, the same one on every request, so that provisioning the
 * spec twice gives the same identities. Immutable apart from that memo; thread-safe.
 */
final class ImportedKeySource implements KeySource {
    private final String operator;
    private final NatsKeyPair operatorKey;
    private final List<NatsKeyPair> operatorSigningKeys;
    private final Map<String, NatsKeyPair> accounts;
    private final Map<String, Map<String, NatsKeyPair>> accountSigningKeys;
    private final Map<String, Map<String, NatsKeyPair>> users;
    private final Map<String, NatsKeyPair> added = new ConcurrentHashMap<>();

    ImportedKeySource(String operator, NatsKeyPair operatorKey, List<NatsKeyPair> operatorSigningKeys,
                      Map<String, NatsKeyPair> accounts, Map<String, Map<String, NatsKeyPair>> accountSigningKeys,
                      Map<String, Map<String, NatsKeyPair>> users) {
        this.operator = operator;
        this.operatorKey = operatorKey;
        this.operatorSigningKeys = List.copyOf(operatorSigningKeys);
        this.accounts = Map.copyOf(accounts);
        this.accountSigningKeys = deepCopy(accountSigningKeys);
        this.users = deepCopy(users);
    }

    @Override
    public NatsKeyPair operator(String name) {
        return name.equals(operator) ? operatorKey : added("operator\0" + name, KeyKind.OPERATOR);
    }

    @Override
    public NatsKeyPair operatorSigningKey(String name, int index) {
        return name.equals(operator) && index >= 0 && index < operatorSigningKeys.size()
                ? operatorSigningKeys.get(index) : added("operator-sk\0" + name + "\0" + index, KeyKind.OPERATOR);
    }

    @Override
    public NatsKeyPair account(String account) {
        NatsKeyPair k = accounts.get(account);
        return k != null ? k : added("account\0" + account, KeyKind.ACCOUNT);
    }

    @Override
    public NatsKeyPair accountSigningKey(String account, String keyName) {
        NatsKeyPair k = accountSigningKeys.getOrDefault(account, Map.of()).get(keyName);
        return k != null ? k : added("account-sk\0" + account + "\0" + keyName, KeyKind.ACCOUNT);
    }

    @Override
    public NatsKeyPair user(String account, String user) {
        NatsKeyPair k = users.getOrDefault(account, Map.of()).get(user);
        return k != null ? k : added("user\0" + account + "\0" + user, KeyKind.USER);
    }

    private static Map<String, Map<String, NatsKeyPair>> deepCopy(Map<String, Map<String, NatsKeyPair>> byAccount) {
        Map<String, Map<String, NatsKeyPair>> copy = new java.util.HashMap<>();
        byAccount.forEach((a, keys) -> copy.put(a, Map.copyOf(keys)));
        return Map.copyOf(copy);
    }

    private NatsKeyPair added(String name, KeyKind kind) {
        return added.computeIfAbsent(name, n -> NatsKeyPair.generate(kind));
    }

    @Override
    public String toString() {
        return "ImportedKeySource[operator " + operator + " " + operatorKey.publicKey() + ", " + accounts.size()
                + " accounts]";
    }
}
