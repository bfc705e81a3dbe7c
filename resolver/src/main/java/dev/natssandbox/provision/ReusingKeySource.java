package dev.natssandbox.provision;

import dev.natssandbox.keys.CurveKeyPair;
import dev.natssandbox.keys.NatsKeyPair;

import java.util.Optional;

/** Keys of an earlier provisioning, by name; anything new comes from the fallback. */
final class ReusingKeySource implements KeySource {
    private final Hierarchy previous;
    private final KeySource fallback;

    ReusingKeySource(Hierarchy previous, KeySource fallback) {
        this.previous = previous;
        this.fallback = fallback;
    }

    @Override
    public NatsKeyPair operator(String operator) {
        return previous.operator().name().equals(operator) ? previous.operator().keyPair()
                : fallback.operator(operator);
    }

    @Override
    public NatsKeyPair operatorSigningKey(String operator, int index) {
        var op = previous.operator();
        return op.name().equals(operator) && index < op.signingKeys().size() ? op.signingKeys().get(index)
                : fallback.operatorSigningKey(operator, index);
    }

    @Override
    public NatsKeyPair account(String account) {
        return find(account).map(AccountIdentity::keyPair).orElseGet(() -> fallback.account(account));
    }

    @Override
    public NatsKeyPair accountSigningKey(String account, String keyName) {
        return find(account).map(a -> a.signingKeys().get(keyName))
                .orElseGet(() -> fallback.accountSigningKey(account, keyName));
    }

    @Override
    public NatsKeyPair user(String account, String user) {
        return find(account).flatMap(a -> a.findUser(user)).map(UserIdentity::keyPair)
                .orElseGet(() -> fallback.user(account, user));
    }

    @Override
    public CurveKeyPair xkey(String account) {
        return find(account).flatMap(AccountIdentity::xkey).orElseGet(() -> fallback.xkey(account));
    }

    private Optional<AccountIdentity> find(String account) {
        return previous.findAccount(account);
    }
}
