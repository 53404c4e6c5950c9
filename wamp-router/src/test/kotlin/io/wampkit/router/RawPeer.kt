package io.wampkit.router

import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.message.Hello
import io.wampkit.message.WampMessage
import io.wampkit.message.Welcome
import io.wampkit.transport.WampTransport
import io.wampkit.transport.inMemoryTransportPair
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout

/** A scripted client that speaks raw WAMP messages to a router over an in-memory transport. */
class RawPeer(private val transport: WampTransport, val served: Job) {
    suspend fun send(message: WampMessage) = transport.send(message)

    suspend fun receive(): WampMessage = withTimeout(5_000) { transport.receive() }

    suspend inline fun <reified T : WampMessage> expect(): T = receive().shouldBeInstanceOf<T>()

    suspend fun hello(realm: String = "realm1", details: WampDict = ALL_ROLES): Welcome {
        send(Hello(realm, details))
        return expect()
    }

    suspend fun close() = transport.close()

    companion object {
        val ALL_ROLES: WampDict = roles()

        /** HELLO details with all four client roles; [calleeFeatures] go into the callee role. */
        fun roles(vararg calleeFeatures: Pair<String, Any?>): WampDict = wampDictOf(
            "roles" to mapOf(
                "caller" to mapOf("features" to mapOf("progressive_call_results" to true)),
                "callee" to mapOf("features" to mapOf(*calleeFeatures)),
                "publisher" to emptyMap<String, Any>(),
                "subscriber" to emptyMap<String, Any>(),
            ),
        )
    }
}

/** Connects a [RawPeer] to this router; the router serves it in [scope]. */
fun WampRouter.rawPeer(scope: CoroutineScope): RawPeer {
    val (client, routerSide) = inMemoryTransportPair(name = "raw peer")
    val served = scope.launch { serve(routerSide) }
    return RawPeer(client, served)
}
