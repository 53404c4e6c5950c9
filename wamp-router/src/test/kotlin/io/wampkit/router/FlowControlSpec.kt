package io.wampkit.router

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.message.Abort
import io.wampkit.message.Call
import io.wampkit.message.Event
import io.wampkit.message.Invocation
import io.wampkit.message.Publish
import io.wampkit.message.Published
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.message.Result
import io.wampkit.message.Subscribe
import io.wampkit.message.Subscribed
import io.wampkit.message.WampMessage
import io.wampkit.message.Yield
import io.wampkit.serialization.jsonSerializer
import io.wampkit.transport.WampTransport
import io.wampkit.transport.inMemoryTransportPair
import io.wampkit.transport.webSocketConnector
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout

/**
 * The router's flow control: a session that does not read loses EVENTs (never replies) and is disconnected
 * after the slow-consumer timeout, while the publisher and a fast subscriber go on; what waits for a session
 * is bounded by the router's queue capacity, over the in-memory and the WebSocket transports.
 */
class FlowControlSpec : FunSpec({
    val acknowledge = wampDictOf("acknowledge" to true)

    /** A raw peer over an in-memory pair with its own buffer [capacity], served by [router] in [scope]. */
    fun WampRouter.peer(scope: CoroutineScope, capacity: Int): RawPeer {
        val (client, routerSide) = inMemoryTransportPair(capacity = capacity, name = "flow peer")
        return RawPeer(client, scope.launch { serve(routerSide) })
    }

    suspend fun RawPeer.subscribe(topic: String): Long {
        send(Subscribe(1, WampDict.EMPTY, topic))
        return expect<Subscribed>().subscription
    }

    /** Reads whatever is buffered until the connection ends; returns the messages read. */
    suspend fun WampTransport.drainUntilClosed(): List<WampMessage> {
        val read = ArrayList<WampMessage>()
        shouldThrow<WampConnectionClosedException> { withTimeout(10_000) { while (true) read += receive() } }
        return read
    }

    suspend fun RawPeer.drainUntilClosed(): List<WampMessage> {
        val read = ArrayList<WampMessage>()
        shouldThrow<WampConnectionClosedException> { withTimeout(10_000) { while (true) read += receive() } }
        return read
    }

    test("a subscriber that never reads loses events beyond its buffer; the publisher and a fast subscriber lose nothing") {
        val router = wampRouter {
            realm("realm1")
            slowConsumerTimeoutMillis = 0 // never disconnect: this test is about the bound
        }
        try {
            coroutineScope {
                val stuck = router.peer(this, capacity = 8).apply { hello() }
                val fast = router.peer(this, capacity = 4096).apply { hello() }
                val publisher = router.peer(this, capacity = 64).apply { hello() }
                stuck.subscribe("com.example.flood")
                fast.subscribe("com.example.flood")
                val n = 2_000
                val received = async { (1..n).map { (fast.expect<Event>().args[0] as io.wampkit.value.WampInt).value } }
                for (i in 1..n) {
                    publisher.send(Publish(i.toLong(), acknowledge, "com.example.flood", wampListOf(i)))
                    publisher.expect<Published>().request shouldBe i.toLong()
                }
                received.await() shouldBe (1..n).map { it.toLong() }
                // the stuck subscriber's buffer held 8 events; everything else to it was dropped, not queued
                stuck.close()
                router.sessionCount("realm1") shouldBe 3 // dropping events does not disconnect with the timeout off
                listOf(fast, publisher).forEach { it.close() }
            }
        } finally {
            router.close()
        }
    }

    test("what waits for a non-reading subscriber is bounded by the queue capacity") {
        val router = wampRouter {
            realm("realm1")
            sessionQueueCapacity = 16
            slowConsumerTimeoutMillis = 0
        }
        try {
            coroutineScope {
                // the router's own connector sizes its buffer by sessionQueueCapacity
                val stuck = router.connector().connect()
                stuck.send(io.wampkit.message.Hello("realm1", RawPeer.ALL_ROLES))
                stuck.receive().shouldBeInstanceOf<io.wampkit.message.Welcome>()
                stuck.send(Subscribe(1, WampDict.EMPTY, "com.example.flood"))
                stuck.receive().shouldBeInstanceOf<Subscribed>()
                val publisher = router.peer(this, capacity = 64).apply { hello() }
                for (i in 1..500) {
                    publisher.send(Publish(i.toLong(), acknowledge, "com.example.flood", wampListOf(i)))
                    publisher.expect<Published>()
                }
                publisher.close()
                router.close()
                val read = stuck.drainUntilClosed()
                read.count { it is Event } shouldBeLessThanOrEqual 16
                read.filterIsInstance<Event>().map { (it.args[0] as io.wampkit.value.WampInt).value } shouldBe (1L..16L).toList()
            }
        } finally {
            router.close()
        }
    }

    test("a subscriber that keeps losing events past the slow-consumer timeout is disconnected; the others go on") {
        val router = wampRouter {
            realm("realm1")
            slowConsumerTimeoutMillis = 200
        }
        try {
            coroutineScope {
                val stuck = router.peer(this, capacity = 4).apply { hello() }
                val publisher = router.peer(this, capacity = 64).apply { hello() }
                stuck.subscribe("com.example.flood")
                var published = 0
                // publish until the router gives up on the stuck session (bounded: fails the test if it never does)
                withTimeout(20_000) {
                    while (router.sessionCount("realm1") == 2) {
                        published++
                        publisher.send(Publish(published.toLong(), acknowledge, "com.example.flood", wampListOf(published)))
                        publisher.expect<Published>()
                    }
                }
                router.sessionCount("realm1") shouldBe 1
                // the publisher is unaffected
                publisher.send(Publish(0, acknowledge, "com.example.flood"))
                publisher.expect<Published>()
                // the stuck peer finds its 4 buffered events, then the end of the connection
                val read = stuck.drainUntilClosed()
                read.count { it is Event } shouldBeLessThanOrEqual 4
                read.filterIsInstance<Abort>().forEach { it.reason shouldBe WampErrors.SLOW_CONSUMER }
                publisher.close()
            }
        } finally {
            router.close()
        }
    }

    test("replies are never dropped: a caller that reads late still gets every RESULT, in order") {
        val router = wampRouter {
            realm("realm1")
            sessionQueueCapacity = 8
        }
        try {
            coroutineScope {
                val callee = router.peer(this, capacity = 64).apply { hello() }
                val caller = router.peer(this, capacity = 8).apply { hello() }
                callee.send(Register(1, WampDict.EMPTY, "com.example.echo"))
                val registration = callee.expect<Registered>().registration
                val calls = 14 // 8 fill the caller's buffer, 6 wait in the router's overflow
                repeat(calls) { caller.send(Call(it + 1L, WampDict.EMPTY, "com.example.echo", wampListOf(it))) }
                repeat(calls) {
                    val inv = callee.expect<Invocation>()
                    inv.registration shouldBe registration
                    callee.send(Yield(inv.request, WampDict.EMPTY, inv.args))
                }
                // the callee's last YIELD has been routed once the callee's next request is answered
                callee.send(Register(2, WampDict.EMPTY, "com.example.other"))
                callee.expect<Registered>()
                val results = (1..calls).map { caller.expect<Result>() }
                results.map { it.request } shouldBe (1L..calls).toList()
                results.map { it.args } shouldBe (0 until calls).map { wampListOf(it) }
                callee.close()
                caller.close()
            }
        } finally {
            router.close()
        }
    }

    test("over WebSocket, a subscriber that stops reading is disconnected with ${WampErrors.SLOW_CONSUMER} and a fast one gets everything") {
        val router = wampRouter {
            realm("realm1")
            // room for the fast subscriber's reader to fall behind on a busy machine; the stuck one fills any bound
            sessionQueueCapacity = 1024
            slowConsumerTimeoutMillis = 300
        }
        val server = router.startServer(port = 0)
        try {
            coroutineScope {
                val connector = webSocketConnector(server.url, jsonSerializer())
                suspend fun join(): WampTransport = connector.connect().also {
                    it.send(io.wampkit.message.Hello("realm1", RawPeer.ALL_ROLES))
                    it.receive().shouldBeInstanceOf<io.wampkit.message.Welcome>()
                }
                val stuck = join()
                val fast = join()
                val publisher = join()
                for (t in listOf(stuck, fast)) {
                    t.send(Subscribe(1, WampDict.EMPTY, "com.example.flood"))
                    t.receive().shouldBeInstanceOf<Subscribed>()
                }
                val payload = wampListOf("x".repeat(4096))
                var published = 0
                val fastCount = async {
                    var n = 0
                    var m = fast.receive()
                    while (m is Event) {
                        n++
                        m = fast.receive()
                    }
                    n to m
                }
                withTimeout(60_000) {
                    while (router.sessionCount("realm1") == 3) {
                        published++
                        publisher.send(Publish(published.toLong(), acknowledge, "com.example.flood", payload))
                        publisher.receive().shouldBeInstanceOf<Published>()
                    }
                }
                router.sessionCount("realm1") shouldBe 2
                // the stuck peer now reads: events up to its buffers, then ABORT or the connection's end
                val read = stuck.drainUntilClosed()
                read.filterIsInstance<Abort>().forEach { it.reason shouldBe WampErrors.SLOW_CONSUMER }
                // end the fast subscriber's loop with a marker it can tell apart: the router's GOODBYE on close
                router.close()
                val (events, end) = fastCount.await()
                events shouldBe published
                end.shouldBeInstanceOf<io.wampkit.message.Goodbye>().reason shouldBe WampErrors.SYSTEM_SHUTDOWN
            }
        } finally {
            server.stop()
            router.close()
        }
    }
})

