package dev.natssandbox.callout;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.jwt.AuthorizationResponseClaims;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.jwt.UserClaims;
import dev.natssandbox.keys.CurveKeyPair;
import dev.natssandbox.keys.NatsKeyPair;

import java.time.Clock;
import java.util.List;

/**
 * One request in, one response out: opens the request when sealed, asks the handler, issues the user JWT (signed by
 * the target account in operator mode, by the issuer with the account as audience in config mode), signs the
 * response with the issuer (audience = the server's id, subject = the request's user nkey) and seals it back.
 */
final class CalloutResponder {
    private static final System.Logger LOG = System.getLogger(CalloutService.class.getName());

    private final CalloutEnvironment env;
    private final CalloutHandler handler;
    private final Clock clock;

    CalloutResponder(CalloutEnvironment env, CalloutHandler handler) {
        this(env, handler, Clock.systemUTC());
    }

    CalloutResponder(CalloutEnvironment env, CalloutHandler handler, Clock clock) {
        this.env = env;
        this.handler = handler;
        this.clock = clock;
        warmUp();
    }

    /**
     * The server waits for an answer only as long as its auth timeout (2 s by default); the first answer of a cold
     * JVM loads and compiles the JWT and crypto code. Doing that once here keeps it out of the first client's
     * connect.
     */
    private void warmUp() {
        NatsKeyPair user = NatsKeyPair.generate(dev.natssandbox.keys.KeyKind.USER);
        String jwt = Jwts.encode(Jwts.Standard.of(user.publicKey(), "warm-up"), AuthorizationResponseClaims.refuse(
                "warm-up"), env.issuer(), clock);
        Jwts.decode(jwt);
        env.xkey().ifPresent(x -> x.open(x.seal(CalloutService.utf8(jwt), x.publicKey()), x.publicKey()));
    }

    /**
     * @param data       the request as received
     * @param serverXkey the {@value CalloutService#XKEY_HEADER} header, or {@code null} for a plain request
     * @return the response to publish
     * @throws NatsSandboxException when the request cannot be opened or decoded
     */
    byte[] respond(byte[] data, String serverXkey) {
        boolean sealed = serverXkey != null && !serverXkey.isEmpty();
        CurveKeyPair xkey = env.xkey().orElse(null);
        if (sealed && xkey == null) {
            throw new InvalidInputException("the server encrypts auth callout requests (header "
                    + CalloutService.XKEY_HEADER + " [" + serverXkey + "]) but the service has no xkey seed; give "
                    + "the environment the pair whose public key is in the account's authorization.xkey");
        }
        byte[] plain = sealed ? xkey.open(data, serverXkey) : data;
        CalloutRequest request = CalloutService.decode(CalloutService.utf8(plain), sealed);
        String response = Jwts.encode(Jwts.Standard.builder(request.userNkey()).audience(request.serverId())
                .issuedAt(now()).build(),
                answer(request), env.issuer(), clock);
        return sealed ? xkey.seal(CalloutService.utf8(response), serverXkey) : CalloutService.utf8(response);
    }

    private AuthorizationResponseClaims answer(CalloutRequest request) {
        CalloutDecision decision;
        try {
            decision = handler.decide(request);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "auth callout handler failed for " + request, e);
            return AuthorizationResponseClaims.refuse("authorization service failed: "
                    + e.getClass().getSimpleName());
        }
        if (decision instanceof CalloutDecision.Refuse refuse) {
            return AuthorizationResponseClaims.refuse(refuse.reason());
        }
        CalloutDecision.Allow allow = (CalloutDecision.Allow) decision;
        NatsKeyPair signer;
        String audience = "";
        if (env.mode() == CalloutEnvironment.Mode.CONFIG) {
            signer = env.issuer();
            audience = allow.account();
        } else {
            signer = env.accountSigners().get(allow.account());
            if (signer == null) {
                return AuthorizationResponseClaims.refuse("authorization service placed the user in account ["
                        + allow.account() + "], which it may not use; allowed: " + env.accountSigners().keySet());
            }
        }
        long iat = now();
        long exp = allow.expires() == null ? 0 : iat + Math.max(1, allow.expires().toSeconds());
        String name = allow.name().isEmpty() ? request.username() : allow.name();
        String userJwt = Jwts.encode(Jwts.Standard.builder(request.userNkey()).name(name).audience(audience)
                .issuedAt(iat).expires(exp).build(),
                UserClaims.builder().limits(allow.limits()).build(), signer, clock);
        return AuthorizationResponseClaims.admit(userJwt);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
