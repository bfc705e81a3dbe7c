package dev.natssandbox.callout;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.creds.Creds;
import dev.natssandbox.keys.CurveKeyPair;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.AuthorizationSpec;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an authorization service needs to run against a server: where it is, how the service connects (the
 * auth user), the key that signs responses (the issuer), the keys that sign the users it admits, and its xkey seed
 * when requests are encrypted. Hand it to {@link CalloutService#start} or read it in a test to start your own service.
 * Holds seeds; {@link #toString()} shows public keys only.
 */
public final class CalloutEnvironment {
    /** How the server is set up for auth callout. */
    public enum Mode {
        /** Decentralized: the callout account's JWT has the {@code authorization} claim; accounts issue users. */
        OPERATOR,
        /** Server configuration: {@code authorization { auth_callout { … } }} with plain accounts. */
        CONFIG
    }

    private final Mode mode;
    private final String serverUrl;
    private final String calloutAccount;
    private final Creds authUserCreds;
    private final String username;
    private final char[] password;
    private final NatsKeyPair issuer;
    private final Map<String, NatsKeyPair> accountSigners;
    private final CurveKeyPair xkey;

    private CalloutEnvironment(Mode mode, String serverUrl, String calloutAccount, Creds authUserCreds,
                               String username, char[] password, NatsKeyPair issuer,
                               Map<String, NatsKeyPair> accountSigners, CurveKeyPair xkey) {
        this.mode = mode;
        this.serverUrl = Objects.requireNonNull(serverUrl, "serverUrl");
        this.calloutAccount = calloutAccount;
        this.authUserCreds = authUserCreds;
        this.username = username;
        this.password = password == null ? null : password.clone();
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.accountSigners = Map.copyOf(accountSigners);
        this.xkey = xkey;
    }

    /**
     * Operator mode, from a running sandbox: the service connects as the callout account's first auth user, signs
     * responses with the account's key and admits users into the allowed accounts (every account but the system
     * account when {@code *} is allowed) and the callout account itself.
     *
     * @param sandbox        the running sandbox
     * @param calloutAccount the name of the account whose spec has an {@code authorization} section
     * @return the environment
     * @throws InvalidInputException when the account has no auth callout, naming the accounts that have one
     */
    public static CalloutEnvironment of(Sandbox sandbox, String calloutAccount) {
        Hierarchy h = sandbox.hierarchy();
        AccountIdentity account = h.account(calloutAccount);
        AuthorizationSpec spec = account.spec().authorization();
        if (!spec.isEnabled()) {
            throw new InvalidInputException("account [" + calloutAccount + "] has no auth callout (no "
                    + "authorization.auth_users); accounts with one: " + h.accounts().stream()
                    .filter(a -> a.spec().authorization().isEnabled()).map(AccountIdentity::name).toList());
        }
        String authUser = spec.authUsers().get(0);
        Creds creds = account.findUser(authUser).map(u -> u.creds()).orElseThrow(() -> new InvalidInputException(
                "auth user [" + authUser + "] of account [" + calloutAccount + "] is a public key, not a user of "
                        + "the sandbox; the service must bring its own credentials for it"));
        Map<String, NatsKeyPair> signers = new LinkedHashMap<>();
        signers.put(account.name(), account.keyPair());
        List<String> allowed = spec.allowedAccounts().contains(AuthorizationSpec.ANY_ACCOUNT)
                ? h.accountNames() : spec.allowedAccounts();
        for (String name : allowed) {
            h.findAccount(name).filter(a -> !a.name().equals(h.systemAccount().name()))
                    .ifPresent(a -> signers.put(a.name(), a.keyPair()));
        }
        return new CalloutEnvironment(Mode.OPERATOR, sandbox.serverUrl(), calloutAccount, creds, null, null,
                account.keyPair(), signers, account.xkey().orElse(null));
    }

    /**
     * Config mode: the service connects with a user name and password of the server configuration, signs responses
     * and the users it admits with the configured {@code issuer}, and places users by account name.
     *
     * @param serverUrl the server's URL
     * @param username  an auth user of {@code auth_callout.auth_users}
     * @param password  its password (copied)
     * @param issuer    the key pair of {@code auth_callout.issuer} (an account key, {@code A…})
     * @param xkey      the pair of {@code auth_callout.xkey}, or {@code null} for plain requests
     * @return the environment
     */
    public static CalloutEnvironment config(String serverUrl, String username, char[] password, NatsKeyPair issuer,
                                            CurveKeyPair xkey) {
        if (issuer.kind() != KeyKind.ACCOUNT) {
            throw new InvalidInputException("auth_callout issuer [" + issuer.publicKey() + "] is a "
                    + issuer.kind().label() + " key; nats-server wants an account key (A…)");
        }
        return new CalloutEnvironment(Mode.CONFIG, serverUrl, null, null, username, password, issuer, Map.of(), xkey);
    }

    /** @return how the server is set up */
    public Mode mode() {
        return mode;
    }

    /** @return the server's client URL */
    public String serverUrl() {
        return serverUrl;
    }

    /** @return the callout account's name (operator mode) */
    public Optional<String> calloutAccount() {
        return Optional.ofNullable(calloutAccount);
    }

    /** @return the auth user's credentials (operator mode) */
    public Optional<Creds> authUserCreds() {
        return Optional.ofNullable(authUserCreds);
    }

    /** @return the key that signs responses: the callout account (operator mode) or the configured issuer */
    public NatsKeyPair issuer() {
        return issuer;
    }

    /**
     * @return the keys that sign admitted users, by account name (operator mode; in config mode the
     *         {@link #issuer()} signs every user and the account goes into the user JWT's audience)
     */
    public Map<String, NatsKeyPair> accountSigners() {
        return accountSigners;
    }

    /** @return the service's xkey pair, when requests are encrypted */
    public Optional<CurveKeyPair> xkey() {
        return Optional.ofNullable(xkey);
    }

    /** @return options that connect the service as the auth user; add your own settings before connecting */
    public Options.Builder options() {
        Options.Builder b = new Options.Builder().server(serverUrl).connectionName("auth-callout-service");
        if (authUserCreds != null) {
            b.authHandler(Nats.staticCredentials(authUserCreds.jwt().toCharArray(), authUserCreds.seed()));
        } else {
            b.userInfo(username.toCharArray(), Arrays.copyOf(password, password.length));
        }
        return b;
    }

    /** @return mode, server and public keys; never a seed or password */
    @Override
    public String toString() {
        return "CalloutEnvironment[" + mode + " " + serverUrl + ", issuer " + issuer.publicKey()
                + (xkey == null ? "" : ", xkey " + xkey.publicKey()) + ", accounts " + accountSigners.keySet() + "]";
    }
}
