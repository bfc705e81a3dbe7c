package dev.natssandbox.provision;

import dev.natssandbox.model.SandboxSpec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provisioned sandbox: the operator, every account (the system account included) and every user, each with its
 * keys and signed JWT. Immutable; holds seeds but never prints them.
 *
 * <p>Users are found by name ({@code "TestClient"}) or, when two accounts have a user of the same name, by
 * {@code "Account/User"}.
 */
public final class Hierarchy {
    private final SandboxSpec spec;
    private final OperatorIdentity operator;
    private final List<AccountIdentity> accounts;
    private final Map<String, AccountIdentity> accountsByName = new HashMap<>();
    private final Instant issuedAt;

    Hierarchy(SandboxSpec spec, OperatorIdentity operator, List<AccountIdentity> accounts, Instant issuedAt) {
        this.spec = spec;
        this.operator = operator;
        this.accounts = List.copyOf(accounts);
        // Looked up for every account and user when a change is provisioned: a scan would make that quadratic.
        this.accounts.forEach(a -> accountsByName.putIfAbsent(a.name(), a));
        this.issuedAt = issuedAt;
    }

    /** @return what the hierarchy was provisioned from */
    public SandboxSpec spec() {
        return spec;
    }

    /** @return the operator */
    public OperatorIdentity operator() {
        return operator;
    }

    /** @return every account, the system account included, in spec order */
    public List<AccountIdentity> accounts() {
        return accounts;
    }

    /** @return when the JWTs were issued */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** @return the system account */
    public AccountIdentity systemAccount() {
        return account(spec.systemAccount());
    }

    /**
     * @param name an account name
     * @return the account
     * @throws UnknownIdentityException listing the accounts when there is none by that name
     */
    public AccountIdentity account(String name) {
        return findAccount(name).orElseThrow(() -> new UnknownIdentityException("No account [" + name
                + "] in sandbox; accounts are: " + accountNames(), accountNames()));
    }

    /**
     * @param name an account name
     * @return the account, when there is one by that name
     */
    public Optional<AccountIdentity> findAccount(String name) {
        return Optional.ofNullable(accountsByName.get(name));
    }

    /** @return every account name */
    public List<String> accountNames() {
        return accounts.stream().map(AccountIdentity::name).toList();
    }

    /** @return every user of every account */
    public List<UserIdentity> users() {
        List<UserIdentity> all = new ArrayList<>();
        accounts.forEach(a -> all.addAll(a.users()));
        return all;
    }

    /**
     * Finds a user by {@code "User"} or {@code "Account/User"}.
     *
     * @param ref the user's name, qualified with its account when the name is not unique
     * @return the user
     * @throws UnknownIdentityException listing the users when there is none, or when the name is ambiguous
     */
    public UserIdentity user(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new UnknownIdentityException("No user name given; users are: " + userNames(), userNames());
        }
        int slash = ref.indexOf('/');
        if (slash >= 0) {
            String accountName = ref.substring(0, slash);
            String userName = ref.substring(slash + 1);
            return findAccount(accountName).flatMap(a -> a.findUser(userName)).orElseThrow(
                    () -> new UnknownIdentityException("No user [" + ref + "] in sandbox; users are: "
                            + userNames(), userNames()));
        }
        List<UserIdentity> matches = users().stream().filter(u -> u.name().equals(ref)).toList();
        if (matches.isEmpty()) {
            throw new UnknownIdentityException("No user [" + ref + "] in sandbox; users are: " + userNames(),
                    userNames());
        }
        if (matches.size() > 1) {
            List<String> qualified = matches.stream().map(UserIdentity::qualifiedName).toList();
            throw new UnknownIdentityException("User name [" + ref + "] is ambiguous; name it with its account: "
                    + qualified, qualified);
        }
        return matches.get(0);
    }

    /**
     * @param ref {@code "User"} or {@code "Account/User"}
     * @return the user, when the reference names exactly one
     */
    public Optional<UserIdentity> findUser(String ref) {
        try {
            return Optional.of(user(ref));
        } catch (UnknownIdentityException e) {
            return Optional.empty();
        }
    }

    /**
     * @return user names as they are best referred to: the plain name when unique, {@code Account/User} otherwise;
     *         the system account's users are listed last
     */
    public List<String> userNames() {
        List<UserIdentity> all = users();
        List<String> names = new ArrayList<>();
        List<String> system = new ArrayList<>();
        for (UserIdentity u : all) {
            boolean unique = all.stream().filter(o -> o.name().equals(u.name())).count() == 1;
            String n = unique ? u.name() : u.qualifiedName();
            (u.account().equals(spec.systemAccount()) ? system : names).add(n);
        }
        names.addAll(system);
        return names;
    }

    @Override
    public String toString() {
        return "Hierarchy[operator " + operator.name() + ", accounts " + accountNames() + "]";
    }
}
