package io.wampkit.auth

import io.wampkit.message.Authenticate
import io.wampkit.message.Challenge
import io.wampkit.value.WampDict

/**
 * One authentication method a client offers in HELLO (`authmethods`), e.g. from [ticketAuth], [wampCraAuth],
 * [cryptosignAuth] or [scramAuth]. Pass it to `join(realm, authenticators = listOf(...))`.
 *
 * An authenticator is reusable: each join attempt starts a fresh [ClientAuthExchange].
 * Implementations never reveal their secret in `toString` or logs.
 */
public interface ClientAuthenticator {
    /** The `authmethod` string, e.g. `ticket`, `wampcra`, `cryptosign`, `wamp-scram`. */
    public val method: String

    /** The `authid` this method authenticates as, or null when it needs none (e.g. cryptosign by key). */
    public val authId: String?

    /** Starts the exchange of one join attempt. */
    public fun start(): ClientAuthExchange
}

/** The client side of one authentication exchange: HELLO extras, CHALLENGE → AUTHENTICATE, WELCOME check. */
public interface ClientAuthExchange {
    /** What this method adds to `HELLO.Details.authextra` (e.g. a public key or a nonce). */
    public val authExtra: WampDict

    /**
     * Answers the router's [challenge] for this method.
     * @throws WampAuthenticationException when the challenge is malformed or unacceptable.
     */
    public suspend fun respond(challenge: Challenge): Authenticate

    /**
     * Checks WELCOME.Details (e.g. the SCRAM server signature) when this method was used.
     * @throws WampAuthenticationException when the router failed to prove itself.
     */
    public fun verifyWelcome(details: WampDict) {}
}

/** The client refused to complete authentication (a bad challenge, a failed server proof); the join fails. */
public class WampAuthenticationException(message: String) : IllegalStateException(message)

/** Authentication method names and the error URIs of authentication. */
public object WampAuth {
    /** No credentials. */
    public const val ANONYMOUS: String = "anonymous"

    /** A shared ticket, sent as is. */
    public const val TICKET: String = "ticket"

    /** WAMP challenge-response (HMAC-SHA256). */
    public const val WAMPCRA: String = "wampcra"

    /** Ed25519 public-key authentication. */
    public const val CRYPTOSIGN: String = "cryptosign"

    /** The router rejected the credentials. */
    public const val AUTHENTICATION_FAILED: String = "wamp.error.authentication_failed"

    /** The router supports none of the offered methods. */
    public const val NO_AUTH_METHOD: String = "wamp.error.no_auth_method"

    /** The client could not or would not complete authentication (sent in its ABORT). */
    public const val CANNOT_AUTHENTICATE: String = "wamp.error.cannot_authenticate"
}
