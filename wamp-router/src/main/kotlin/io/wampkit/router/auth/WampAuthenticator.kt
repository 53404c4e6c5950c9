package io.wampkit.router.auth

import io.wampkit.message.Authenticate
import io.wampkit.value.WampDict

/**
 * One authentication method on the router (`ticket`, `wampcra`, `cryptosign`, `wamp-scram`, or your own),
 * pluggable per realm with `realm("r") { authenticator(...) }`: e.g. one that checks a ticket against a
 * database. The router picks the first method of the client's HELLO `authmethods` that the realm has.
 */
public interface WampAuthenticator {
    /** The `authmethod` this authenticator serves. */
    public val method: String

    /**
     * Decides on [hello]: [acceptAuth], [denyAuth] or [challengeAuth] (the client's AUTHENTICATE then goes to
     * the challenge's verifier). May suspend (e.g. a database lookup); the router bounds the whole handshake
     * by its hello timeout. A thrown exception counts as a denial.
     */
    public suspend fun authenticate(hello: AuthHello): AuthDecision
}

/** The HELLO being authenticated, as an authenticator sees it. */
public class AuthHello(
    /** The realm the client asked to join. */
    public val realm: String,
    /** The `authid` the client asked for, or null. */
    public val authId: String?,
    /** `HELLO.Details.authextra` (empty when absent). */
    public val authExtra: WampDict,
    /** The session ID the session will get when it is welcomed. */
    public val sessionId: Long,
    /** The method chosen for this exchange. */
    public val method: String,
) {
    override fun toString(): String = "AuthHello(realm=$realm, authId=$authId, method=$method, session=$sessionId)"
}

/** Who a successful authentication admits: WELCOME announces it; authorization uses [authRole]. */
public class AuthPrincipal(
    /** The authid the session is authenticated as. */
    public val authId: String,
    /** The role whose permissions apply. */
    public val authRole: String,
    /** Who vouched, e.g. `static` or `dynamic`. */
    public val authProvider: String = "static",
    /** What WELCOME.Details.authextra carries (e.g. a SCRAM server signature); empty for none. */
    public val welcomeExtra: WampDict = WampDict.EMPTY,
) {
    init {
        require(authId.isNotEmpty() && authRole.isNotEmpty()) { "authId and authRole must not be empty" }
    }

    override fun toString(): String = "AuthPrincipal(authId=$authId, authRole=$authRole, authProvider=$authProvider)"
}

/** What an authenticator decides at one step: accept, deny or challenge. */
public sealed interface AuthDecision

/** A CHALLENGE to send; the client's AUTHENTICATE goes to [verify]. */
public interface AuthChallenge : AuthDecision {
    /** `CHALLENGE.Extra`. */
    public val extra: WampDict

    /** Decides on the client's answer (typically [acceptAuth] or [denyAuth]). */
    public suspend fun verify(authenticate: Authenticate): AuthDecision
}

/** Admits the session as [principal]. */
public fun acceptAuth(principal: AuthPrincipal): AuthDecision = AcceptDecision(principal)

/**
 * Refuses the session: ABORT `wamp.error.authentication_failed`. [logReason] is logged at INFO (never sent
 * to the client, so it may say which part failed; never put a secret in it).
 */
public fun denyAuth(logReason: String = "credentials rejected"): AuthDecision = DenyDecision(logReason)

/** Sends CHALLENGE with [extra] and lets [verify] decide on the client's AUTHENTICATE. */
public fun challengeAuth(extra: WampDict, verify: suspend (Authenticate) -> AuthDecision): AuthChallenge =
    ChallengeDecision(extra, verify)

/**
 * A `ticket` authenticator that asks [check] (e.g. a database) whether `ticket` admits the HELLO's authid;
 * null denies. The ticket is never logged.
 */
public fun ticketAuthenticator(check: suspend (hello: AuthHello, ticket: String) -> AuthPrincipal?): WampAuthenticator =
    object : WampAuthenticator {
        override val method: String get() = "ticket"
        override suspend fun authenticate(hello: AuthHello): AuthDecision =
            challengeAuth(WampDict.EMPTY) { answer -> check(hello, answer.signature)?.let(::acceptAuth) ?: denyAuth() }
        override fun toString(): String = "ticketAuthenticator"
    }
