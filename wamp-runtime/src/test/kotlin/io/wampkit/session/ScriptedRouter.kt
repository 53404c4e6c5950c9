package io.wampkit.session

import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.message.Hello
import io.wampkit.message.WampMessage
import io.wampkit.message.Welcome
import io.wampkit.transport.WampTransport
import io.wampkit.transport.inMemoryTransportPair
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.async
import kotlinx.coroutines.test.TestScope

/** The router side of an in-memory connection: the test reads what the client sent and answers by hand. */
class ScriptedRouter(private val transport: WampTransport) {
    suspend fun receive(): WampMessage = transport.receive()

    suspend inline fun <reified T : WampMessage> expect(): T = receive().shouldBeInstanceOf<T>()

    suspend fun send(message: WampMessage) = transport.send(message)

    /** Drops the connection, as a crashed router or a broken network would. */
    suspend fun drop() = transport.close()
}

/** A client transport with its scripted router. */
fun scriptedConnection(): Pair<WampTransport, ScriptedRouter> {
    val (client, router) = inMemoryTransportPair(name = "scripted")
    return client to ScriptedRouter(router)
}

/**
 * A session joined on virtual time: the client's HELLO is answered with WELCOME. The session runs in the
 * test's background scope, so a test that does not end it still finishes.
 */
suspend fun TestScope.joinedSession(
    sessionId: Long = 42,
    dealerFeatures: Map<String, Any> = emptyMap(),
    brokerFeatures: Map<String, Any> = emptyMap(),
): Pair<WampSession, ScriptedRouter> {
    val (client, router) = scriptedConnection()
    val session = async { client.join("realm1", backgroundScope.coroutineContext) }
    router.expect<Hello>()
    val roles = mapOf("dealer" to mapOf("features" to dealerFeatures), "broker" to mapOf("features" to brokerFeatures))
    router.send(Welcome(sessionId, wampDictOf("roles" to roles)))
    return session.await() to router
}
