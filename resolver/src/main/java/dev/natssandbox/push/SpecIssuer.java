package dev.natssandbox.push;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.KeySource;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.internal.store.NscStore;
import dev.natssandbox.internal.store.StoreKeySource;
import dev.natssandbox.internal.store.StoreLayout;
import dev.natssandbox.internal.util.SecureFiles;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Issues the accounts of a spec with an existing operator key, for pushing to a deployment of that operator. The key
 * signs the accounts: it is the operator's identity key, or, when the spec declares operator signing keys, the
 * first of them. Account and user keys are kept in a directory (an nsc-compatible store and keystore, one
 * {@code .creds} per user), so pushing the same spec again updates the same accounts and the creds stay valid.
 */
public final class SpecIssuer {
    private SpecIssuer() {
    }

    /**
     * @param spec        the accounts and users
     * @param operatorKey the deployment's operator key or one of its signing keys
     * @param keysDir     where account and user keys and creds are kept (created 0700; reused when it exists)
     * @return the issued hierarchy; {@link #accountJwts(Hierarchy)} are what to push
     */
    public static Hierarchy issue(SandboxSpec spec, NatsKeyPair operatorKey, Path keysDir) {
        if (operatorKey.kind() != KeyKind.OPERATOR) {
            throw new InvalidInputException("accounts are issued by an operator key; got a "
                    + operatorKey.kind().label() + " key [" + operatorKey.publicKey() + "]");
        }
        SecureFiles.createPrivateDirectories(keysDir);
        StoreKeySource stored = StoreKeySource.of(keysDir);
        boolean signing = spec.operator().signingKeys() > 0;
        KeySource keys = new KeySource() {
            @Override
            public NatsKeyPair operator(String operator) {
                return signing ? stored.operator(operator) : operatorKey;
            }

            @Override
            public NatsKeyPair operatorSigningKey(String operator, int index) {
                return signing && index == 0 ? operatorKey : stored.operatorSigningKey(operator, index);
            }

            @Override
            public NatsKeyPair account(String account) {
                return stored.account(account);
            }

            @Override
            public NatsKeyPair accountSigningKey(String account, String keyName) {
                return stored.accountSigningKey(account, keyName);
            }

            @Override
            public NatsKeyPair user(String account, String user) {
                return stored.user(account, user);
            }
        };
        Hierarchy h = Provisioner.provision(spec, keys, Clock.systemUTC());
        NscStore.update(h, null, new StoreLayout(keysDir));
        return h;
    }

    /**
     * @param h an issued hierarchy
     * @return its account JWTs, without the spec's system account (a deployment has its own)
     */
    public static List<String> accountJwts(Hierarchy h) {
        return h.accounts().stream().filter(a -> !a.name().equals(h.spec().systemAccount()))
                .map(AccountIdentity::jwt).toList();
    }
}
