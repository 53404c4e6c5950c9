@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.transport

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampConnectionClosedException
import io.wampkit.message.Goodbye
import io.wampkit.value.WampDict
import kotlinx.coroutines.async
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest

class InMemoryTransportSpec : FunSpec({
    test("what one side sends the other receives, in order") {
        runTest {
            val (a, b) = inMemoryTransportPair()
            val messages = (1..10).map { Goodbye(WampDict.EMPTY, "com.example.m$it") }
            messages.forEach { a.send(it) }
            List(10) { b.receive() } shouldBe messages
            b.send(messages[0])
            a.receive() shouldBe messages[0]
        }
    }

    test("closing one side ends both: receive and send throw WampConnectionClosedException") {
        runTest {
            val (a, b) = inMemoryTransportPair()
            a.close()
            shouldThrow<WampConnectionClosedException> { b.receive() }
            shouldThrow<WampConnectionClosedException> { a.receive() }
            shouldThrow<WampConnectionClosedException> { a.send(Goodbye(WampDict.EMPTY, "com.example.x")) }
            shouldThrow<WampConnectionClosedException> { b.send(Goodbye(WampDict.EMPTY, "com.example.y")) }
        }
    }

    test("capacity must be positive") {
        shouldThrow<IllegalArgumentException> { inMemoryTransportPair(capacity = 0) }
    }
    test("a receiver waiting when the peer closes gets WampConnectionClosedException, not a cancellation") {
        runTest {
            val (a, b) = inMemoryTransportPair()
            val waiting = async { runCatching { b.receive() } }
            runCurrent()
            waiting.isCompleted shouldBe false
            a.close()
            waiting.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>()
        }
    }

    test("what was sent before close still reaches the peer; the closing side drops what was sent to it") {
        runTest {
            val (a, b) = inMemoryTransportPair()
            val last = Goodbye(WampDict.EMPTY, "wamp.close.normal")
            b.send(Goodbye(WampDict.EMPTY, "com.example.unread"))
            a.send(last)
            a.close()
            b.receive() shouldBe last
            shouldThrow<WampConnectionClosedException> { b.receive() }
            shouldThrow<WampConnectionClosedException> { a.receive() }
        }
    }

    test("close is idempotent, and the exception names the closed side") {
        runTest {
            val (a, b) = inMemoryTransportPair(name = "pair")
            a.close()
            a.close()
            b.close()
            shouldThrow<WampConnectionClosedException> { a.receive() }.message shouldContain "pair (client side)"
            shouldThrow<WampConnectionClosedException> { b.receive() }.message shouldContain "pair (router side)"
            a.description shouldBe "pair (client side)"
        }
    }

    test("send suspends while the peer's buffer is full and resumes when it reads") {
        runTest {
            val (a, b) = inMemoryTransportPair(capacity = 2)
            val messages = (1..3).map { Goodbye(WampDict.EMPTY, "com.example.m$it") }
            a.send(messages[0])
            a.send(messages[1])
            val third = async { a.send(messages[2]) }
            runCurrent()
            third.isCompleted shouldBe false
            b.receive() shouldBe messages[0]
            third.await()
            List(2) { b.receive() } shouldBe messages.drop(1)
        }
    }

    test("the two directions are independent") {
        runTest {
            val (a, b) = inMemoryTransportPair(capacity = 1)
            a.send(Goodbye(WampDict.EMPTY, "com.example.ab"))
            b.send(Goodbye(WampDict.EMPTY, "com.example.ba")) // a's full outgoing buffer does not block b
            a.receive().shouldBeInstanceOf<Goodbye>().reason shouldBe "com.example.ba"
            b.receive().shouldBeInstanceOf<Goodbye>().reason shouldBe "com.example.ab"
        }
    }

    // Regression test, was a bug (transport/internal/InMemoryTransport.kt, close()): Channel.close() does not resume senders already
    // suspended on a full buffer, so a send() waiting when either side closes never returns.
    test("a send suspended on a full buffer fails when the connection closes") {
        runTest {
            val (a, b) = inMemoryTransportPair(capacity = 1)
            a.send(Goodbye(WampDict.EMPTY, "com.example.m1"))
            val blocked = async { runCatching { a.send(Goodbye(WampDict.EMPTY, "com.example.m2")) } }
            runCurrent()
            b.close()
            runCurrent()
            blocked.isCompleted shouldBe true
            blocked.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>()
        }
    }
})
