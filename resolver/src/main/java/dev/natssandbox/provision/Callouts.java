package dev.natssandbox.provision;

import dev.natssandbox.jwt.ExternalAuthorization;
import dev.natssandbox.keys.CurveKeyPair;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.AuthorizationSpec;

import java.util.List;
import java.util.Map;

/** Turns an account's {@link AuthorizationSpec} (names) into its JWT's {@code authorization} claim (keys). */
final class Callouts {
    private Callouts() {
    }

    static ExternalAuthorization claim(AccountSpec account, List<UserIdentity> users,
                                       Map<String, NatsKeyPair> accountKeys, CurveKeyPair xkey) {
        AuthorizationSpec a = account.authorization();
        if (!a.isEnabled()) {
            return ExternalAuthorization.NONE;
        }
        List<String> authUsers = a.authUsers().stream().map(u -> users.stream().filter(i -> i.name().equals(u))
                .findFirst().map(UserIdentity::publicKey).orElse(u)).toList();
        List<String> allowed = a.allowedAccounts().stream().map(n -> accountKeys.containsKey(n)
                ? accountKeys.get(n).publicKey() : n).toList();
        String key = xkey != null ? xkey.publicKey() : a.xkey();
        return new ExternalAuthorization(authUsers, allowed, key);
    }
}
