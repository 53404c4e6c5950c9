package io.wampkit.session

import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.message.Hello
import io.wampkit.message.WampMessage
import io.wampkit.message.Welcome
import io.wampkit.transport.WampTransport
import io.wampkit.transport.inMemoryTransportPair
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.async
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull

/**
 * The router side of an in-memory pair, driven by hand from a virtual-time test. Every wait is bounded on
 * virtual time, so a client that never sends makes the test fail fast instead of hanging.
 */
class VirtualRouter(val transport: WampTransport) {
    /** The next message the client sent, within [timeoutMillis] of virtual time. */
    suspend fun next(timeoutMillis: Long = WAIT_MILLIS): WampMessage = withTimeout(timeoutMillis) { transport.receive() }

    suspend inline fun <reified T : WampMessage> expect(): T = next().shouldBeInstanceOf<T>()

    /** What the client sends within [millis] of virtual time, or null. */
    suspend fun poll(millis: Long = 1): WampMessage? = withTimeoutOrNull(millis) { transport.receive() }

    suspend fun send(message: WampMessage) = transport.send(message)

    /** Closes the router side: the client sees a lost connection. */
    suspend fun drop() = transport.close()

    companion object {
        const val WAIT_MILLIS: Long = 30_000
    }
}

/** A client transport and the router that scripts its other side. */
fun virtualConnection(): Pair<WampTransport, VirtualRouter> {
    val (client, router) = inMemoryTransportPair(name = "virtual")
    return client to VirtualRouter(router)
}

/**
 * Joins [realm] on the test's virtual time; the session's job is a child of the background scope, so a test
 * that leaves it open still finishes. [welcome] are the WELCOME details.
 */
suspend fun TestScope.virtualSession(
    realm: String = "com.example.realm",
    sessionId: Long = 4711,
    welcome: WampDict = wampDictOf("authid" to "tester"),
): Pair<WampSession, VirtualRouter> {
    val (client, router) = virtualConnection()
    val joining = async { client.join(realm, backgroundScope.coroutineContext) }
    router.expect<Hello>()
    router.send(Welcome(sessionId, welcome))
    return joining.await() to router
}
