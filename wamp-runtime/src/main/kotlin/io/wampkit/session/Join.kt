package io.wampkit.session

import io.wampkit.WampAbortedException
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.WampProtocolViolationException
import io.wampkit.message.Abort
import io.wampkit.message.Challenge
import io.wampkit.message.Hello
import io.wampkit.message.MessageCode
import io.wampkit.message.WampUris
import io.wampkit.message.Welcome
import io.wampkit.session.internal.ClientRoles
import io.wampkit.session.internal.ClientSession
import io.wampkit.transport.WampConnector
import io.wampkit.transport.WampTransport
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
): WampSession {
    if (!WampUris.isValidUri(realm)) {
        withContext(NonCancellable) { close() }
        throw IllegalArgumentException("'$realm' is not a valid realm URI")
    }
    try {
        send(Hello(realm, ClientRoles.helloDetails))
        val reply = withTimeoutOrNull(timeoutMillis) { receive() }
            ?: throw WampConnectionClosedException("no WELCOME from $description within $timeoutMillis ms")
        return when (reply) {
            is Welcome -> ClientSession(this, reply.session, realm, reply.details, context).also { it.start() }
            is Abort -> throw WampAbortedException(reply.reason, reply.details.string("message"))
            is Challenge -> throw WampProtocolViolationException(
                "router sent CHALLENGE for '${reply.authMethod}', but this session offered no authentication method",
            )
            else -> throw WampProtocolViolationException("expected WELCOME or ABORT, got ${MessageCode.name(reply.code)}")
        }
    } catch (e: WampProtocolViolationException) {
        withContext(NonCancellable) {
            runCatching { send(Abort(wampDictOf("message" to e.message), WampErrors.PROTOCOL_VIOLATION)) }
            close()
        }
        throw e
    } catch (e: Throwable) {
        withContext(NonCancellable) { close() }
        throw e
    }
}

/** Connects through this connector and [join]s [realm]; see [WampTransport.join]. */
public suspend fun WampConnector.join(
    realm: String,
    context: CoroutineContext = EmptyCoroutineContext,
    timeoutMillis: Long = DEFAULT_JOIN_TIMEOUT_MILLIS,
): WampSession = connect().join(realm, context, timeoutMillis)
