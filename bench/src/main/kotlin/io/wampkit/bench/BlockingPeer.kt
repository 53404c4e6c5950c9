package io.wampkit.bench

import io.wampkit.message.Hello
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.message.Subscribe
import io.wampkit.message.Subscribed
import io.wampkit.message.WampMessage
import io.wampkit.message.Welcome
import io.wampkit.router.WampRouter
import io.wampkit.transport.WampTransport
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout

/**
 * A raw WAMP peer on a router's in-memory connector, with blocking calls for JMH's Java benchmarks: they send
 * and receive message objects by hand (HELLO, REGISTER, CALL, YIELD, ...), so what is measured is the router
 * core and the in-memory transport, not a client session.
 *
 * Not thread-safe: one benchmark thread drives it. [receive] gives up after [TIMEOUT_MILLIS], so a lost message
 * fails the benchmark instead of hanging it.
 */
class BlockingPeer private constructor(private val transport: WampTransport, val sessionId: Long) : AutoCloseable {
    private var lastRequest = 0L

    /** A fresh request id for this peer (1, 2, 3, ...). */
    fun nextRequest(): Long = ++lastRequest

    fun send(message: WampMessage): Unit = runBlocking { transport.send(message) }

    fun receive(): WampMessage = runBlocking { withTimeout(TIMEOUT_MILLIS) { transport.receive() } }

    /** REGISTER [procedure]; the registration id. */
    fun register(procedure: String): Long {
        val request = nextRequest()
        send(Register(request, WampDict.EMPTY, procedure))
        return expect<Registered>(request) { it.request }.registration
    }

    /** SUBSCRIBE [topic]; the subscription id. */
    fun subscribe(topic: String): Long {
        val request = nextRequest()
        send(Subscribe(request, WampDict.EMPTY, topic))
        return expect<Subscribed>(request) { it.request }.subscription
    }

    /** Says nothing (no GOODBYE): closes the transport, the router ends the session. */
    override fun close(): Unit = runBlocking { transport.close() }

    private inline fun <reified T : WampMessage> expect(request: Long, id: (T) -> Long): T {
        val reply = receive()
        check(reply is T && id(reply) == request) { "expected ${T::class.simpleName} for request $request, got $reply" }
        return reply
    }

    companion object {
        const val TIMEOUT_MILLIS: Long = 10_000L

        /** HELLO details with the four client roles, as a plain client sends them. */
        private val HELLO_DETAILS: WampDict = wampDictOf(
            "roles" to mapOf(
                "caller" to emptyMap<String, Any>(),
                "callee" to emptyMap<String, Any>(),
                "publisher" to emptyMap<String, Any>(),
                "subscriber" to emptyMap<String, Any>(),
            ),
        )

        /** Connects to [router] in memory and joins [realm] (HELLO, WELCOME). */
        @JvmStatic
        fun join(router: WampRouter, realm: String): BlockingPeer = runBlocking {
            val transport = router.connector().connect()
            transport.send(Hello(realm, HELLO_DETAILS))
            val welcome = withTimeout(TIMEOUT_MILLIS) { transport.receive() }
            check(welcome is Welcome) { "expected WELCOME, got $welcome" }
            BlockingPeer(transport, welcome.session)
        }

        /**
         * Receives one message from each of [peers], in order, in one blocking section; each must be a [type].
         * The number of messages received (the size of [peers]).
         */
        @JvmStatic
        fun receiveOneEach(peers: List<BlockingPeer>, type: Class<out WampMessage>): Int = runBlocking {
            for (peer in peers) {
                val message = withTimeout(TIMEOUT_MILLIS) { peer.transport.receive() }
                check(type.isInstance(message)) { "session ${peer.sessionId}: expected ${type.simpleName}, got $message" }
            }
            peers.size
        }

        /** Closes every peer, then [router]. */
        @JvmStatic
        fun closeAll(router: WampRouter, peers: Collection<BlockingPeer>): Unit = runBlocking {
            peers.forEach { it.transport.close() }
            router.close()
        }
    }
}
