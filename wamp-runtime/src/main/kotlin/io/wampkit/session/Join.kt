package io.wampkit.session

import io.wampkit.WampAbortedException
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.WampProtocolViolationException
import io.wampkit.auth.ClientAuthenticator
import io.wampkit.auth.WampAuth
import io.wampkit.auth.WampAuthenticationException
import io.wampkit.session.internal.AuthHandshake
import io.wampkit.message.Abort
import io.wampkit.message.Challenge
import io.wampkit.message.Hello
import io.wampkit.message.MessageCode
import io.wampkit.message.WampUris
import io.wampkit.message.Welcome
import io.wampkit.session.internal.ClientRoles
import io.wampkit.session.internal.ClientSession
import io.wampkit.session.internal.runCatchingUnlessCancelled
import io.wampkit.transport.WampConnector
import io.wampkit.transport.WampTransport
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext

/** How long [join] waits for WELCOME by default. */
public const val DEFAULT_JOIN_TIMEOUT_MILLIS: Long = 10_000L

/**
 * Opens a WAMP session on this connected transport: HELLO for [realm], then WELCOME.
 *
 * The session's coroutines run in [context] (its dispatcher, default [kotlinx.coroutines.Dispatchers.Default];
 * a [kotlinx.coroutines.Job] there becomes the parent of the session's job). On any failure the transport
 * is closed.
 *
 * @throws WampAbortedException when the router answers with ABORT (e.g. `wamp.error.no_such_realm`).
 * @throws WampProtocolViolationException when the router's answer is not a valid WELCOME or ABORT.
 * @throws WampConnectionClosedException when the connection drops or no answer comes within [timeoutMillis].
 */
public suspend fun WampTransport.join(
    realm: String,
    context: CoroutineContext = EmptyCoroutineContext,
    timeoutMillis: Long = DEFAULT_JOIN_TIMEOUT_MILLIS,
): WampSession = joinSession(realm, emptyList(), null, WampDict.EMPTY, context, timeoutMillis)

/**
 * Opens a WAMP session with authentication: HELLO offers each of [authenticators] (`authmethods`, in order of
 * preference) with [authId] (default: the authenticators' common authid) and `authextra` ([authExtra] plus
 * what each method adds); a CHALLENGE is answered by the authenticator of its method; WELCOME is checked
 * by it (e.g. the SCRAM server signature). An empty list joins anonymously. [WampSession.authId] and [WampSession.authRole] tell what WELCOME granted.
 *
 * @throws WampAbortedException when the router answers with ABORT, e.g. `wamp.error.authentication_failed`,
 *   `wamp.error.no_auth_method`, `wamp.error.not_authorized`.
 * @throws io.wampkit.auth.WampAuthenticationException when this client refuses the exchange (a bad
 *   challenge, a wrong server signature); the router is sent ABORT `wamp.error.cannot_authenticate`.
 * @throws WampProtocolViolationException on a CHALLENGE for a method that was not offered, or another
 *   message out of place.
 * @throws WampConnectionClosedException when the connection drops or the handshake takes longer than [timeoutMillis].
 */
public suspend fun WampTransport.join(
    realm: String,
    authenticators: List<ClientAuthenticator>,
    authId: String? = null,
    authExtra: WampDict = WampDict.EMPTY,
    context: CoroutineContext = EmptyCoroutineContext,
    timeoutMillis: Long = DEFAULT_JOIN_TIMEOUT_MILLIS,
): WampSession = joinSession(realm, authenticators, authId, authExtra, context, timeoutMillis)

private suspend fun WampTransport.joinSession(
    realm: String,
    authenticators: List<ClientAuthenticator>,
    authId: String?,
    authExtra: WampDict,
    context: CoroutineContext,
    timeoutMillis: Long,
): WampSession {
    if (!WampUris.isValidUri(realm)) {
        withContext(NonCancellable) { close() }
        throw IllegalArgumentException("'$realm' is not a valid realm URI")
    }
    val handshake = try {
        AuthHandshake(authenticators, authId, authExtra)
    } catch (e: IllegalArgumentException) {
        withContext(NonCancellable) { close() }
        throw e
    }
    try {
        send(Hello(realm, handshake.helloDetails(ClientRoles.helloDetails)))
        val welcome = withTimeoutOrNull(timeoutMillis) { awaitWelcome(handshake) }
            ?: throw WampConnectionClosedException("no WELCOME from $description within $timeoutMillis ms")
        return ClientSession(this, welcome.session, realm, welcome.details, context).also { it.start() }
    } catch (e: Throwable) {
        // our own refusal is told to the router before the connection goes; cancelling the join stops that send
        val abort = when (e) {
            is WampProtocolViolationException -> WampErrors.PROTOCOL_VIOLATION
            is WampAuthenticationException -> WampAuth.CANNOT_AUTHENTICATE
            else -> null
        }
        try {
            abort?.let { reason -> runCatchingUnlessCancelled { send(Abort(wampDictOf("message" to e.message), reason)) } }
        } finally {
            withContext(NonCancellable) { close() }
        }
        throw e
    }
}

/** Reads until WELCOME, answering each CHALLENGE; ABORT and anything else end the join. */
private suspend fun WampTransport.awaitWelcome(handshake: AuthHandshake): Welcome {
    while (true) {
        when (val reply = receive()) {
            is Welcome -> {
                handshake.verifyWelcome(reply.details)
                return reply
            }
            is Abort -> throw WampAbortedException(reply.reason, reply.details.string("message"))
            is Challenge -> send(handshake.respond(reply))
            else -> throw WampProtocolViolationException("expected WELCOME or ABORT, got ${MessageCode.name(reply.code)}")
        }
    }
}

/** Connects through this connector and [join]s [realm]; see [WampTransport.join]. */
public suspend fun WampConnector.join(
    realm: String,
    context: CoroutineContext = EmptyCoroutineContext,
    timeoutMillis: Long = DEFAULT_JOIN_TIMEOUT_MILLIS,
): WampSession = connect().join(realm, context, timeoutMillis)

/** Connects through this connector and [join]s [realm] with [authenticators]; see [WampTransport.join]. */
public suspend fun WampConnector.join(
    realm: String,
    authenticators: List<ClientAuthenticator>,
    authId: String? = null,
    authExtra: WampDict = WampDict.EMPTY,
    context: CoroutineContext = EmptyCoroutineContext,
    timeoutMillis: Long = DEFAULT_JOIN_TIMEOUT_MILLIS,
): WampSession = connect().join(realm, authenticators, authId, authExtra, context, timeoutMillis)
