package dev.natssandbox.jwt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that tokens form a valid chain of trust, as nats-server does when a client connects:
 * <ul>
 *   <li>an operator token is self-signed or signed by one of its own signing keys;</li>
 *   <li>an account token is issued by the operator or one of its signing keys (only by a signing key when the
 *   operator requires strict signing key usage);</li>
 *   <li>a user token is issued by its account, or by one of the account's signing keys and then carries
 *   {@code issuer_account}; a user of a scoped signing key carries no permissions or limits of its own;</li>
 *   <li>no token is expired or not yet valid, and the user is not revoked by its account.</li>
 * </ul>
 * Each method returns the problems found, empty when the chain is valid. Signatures were already verified when
 * the tokens were {@linkplain Jwts#decode(String) decoded}.
 */
public final class ChainVerifier {
    private ChainVerifier() {
    }

    /**
     * @param operator an operator token
     * @param now      the time to check validity against
     * @return the problems found
     */
    public static List<String> checkOperator(Jwt operator, Instant now) {
        List<String> problems = new ArrayList<>();
        if (!expectType(operator, OperatorClaims.TYPE, problems)) {
            return problems;
        }
        OperatorClaims o = operator.operator();
        if (!operator.isSelfSigned() && !o.signingKeys().contains(operator.issuer())) {
            problems.add("operator " + label(operator) + " is issued by [" + operator.issuer()
                    + "], which is neither the operator itself nor one of its signing keys");
        }
        checkTimes(operator, now, problems);
        return problems;
    }

    /**
     * @param operator the operator token
     * @param account  an account token
     * @param now      the time to check validity against
     * @return the problems found
     */
    public static List<String> checkAccount(Jwt operator, Jwt account, Instant now) {
        List<String> problems = new ArrayList<>();
        if (!expectType(operator, OperatorClaims.TYPE, problems) | !expectType(account, AccountClaims.TYPE, problems)) {
            return problems;
        }
        OperatorClaims o = operator.operator();
        boolean bySigningKey = o.signingKeys().contains(account.issuer());
        boolean byOperator = account.issuer().equals(operator.subject());
        if (!bySigningKey && !byOperator) {
            problems.add("account " + label(account) + " is issued by [" + account.issuer()
                    + "], which is neither operator " + label(operator) + " nor one of its signing keys "
                    + o.signingKeys());
        } else if (byOperator && o.strictSigningKeyUsage()) {
            problems.add("account " + label(account) + " is signed by the operator identity, but operator "
                    + label(operator) + " requires strict signing key usage; sign it with a signing key");
        }
        checkTimes(account, now, problems);
        return problems;
    }

    /**
     * @param account an account token
     * @param user    a user token
     * @param now     the time to check validity against
     * @return the problems found
     */
    public static List<String> checkUser(Jwt account, Jwt user, Instant now) {
        List<String> problems = new ArrayList<>();
        if (!expectType(account, AccountClaims.TYPE, problems) | !expectType(user, UserClaims.TYPE, problems)) {
            return problems;
        }
        AccountClaims a = account.account();
        UserClaims u = user.user();
        String accountKey = account.subject();
        if (user.issuer().equals(accountKey)) {
            if (!u.issuerAccount().isEmpty() && !u.issuerAccount().equals(accountKey)) {
                problems.add("user " + label(user) + " names issuer_account [" + u.issuerAccount()
                        + "] but is issued by account " + label(account));
            }
        } else {
            var signingKey = a.signingKey(user.issuer());
            if (signingKey.isEmpty()) {
                problems.add("user " + label(user) + " is issued by [" + user.issuer()
                        + "], which is neither account " + label(account) + " nor one of its signing keys");
            } else {
                if (!u.issuerAccount().equals(accountKey)) {
                    problems.add("user " + label(user) + " is issued by a signing key of account " + label(account)
                            + " but its issuer_account is [" + u.issuerAccount() + "]; expected [" + accountKey + "]");
                }
                if (signingKey.get().isScoped() && !u.limits().isEmpty()) {
                    problems.add("user " + label(user) + " is issued by scoped signing key [" + user.issuer()
                            + "] and must not carry permissions or limits of its own");
                }
            }
        }
        if (a.isRevoked(user.subject(), user.issuedAt())) {
            problems.add("user " + label(user) + " is revoked by account " + label(account));
        }
        checkTimes(user, now, problems);
        return problems;
    }

    private static boolean expectType(Jwt jwt, String type, List<String> problems) {
        if (!jwt.type().equals(type)) {
            problems.add("token " + label(jwt) + " is " + Jwt.article(jwt.type()) + " token; expected "
                    + Jwt.article(type) + " token");
            return false;
        }
        return true;
    }

    private static void checkTimes(Jwt jwt, Instant now, List<String> problems) {
        if (jwt.isExpired(now)) {
            problems.add(jwt.type() + " " + label(jwt) + " expired at " + Jwts.formatTime(jwt.expires()));
        }
        if (jwt.isNotYetValid(now)) {
            problems.add(jwt.type() + " " + label(jwt) + " is not valid before "
                    + Jwts.formatTime(jwt.notBefore()));
        }
    }

    private static String label(Jwt jwt) {
        return jwt.name().isEmpty() ? "[" + jwt.subject() + "]" : "[" + jwt.name() + "]";
    }
}
