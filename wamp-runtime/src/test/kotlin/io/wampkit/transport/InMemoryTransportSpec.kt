package io.wampkit.transport

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.WampConnectionClosedException
import io.wampkit.message.Goodbye
import io.wampkit.value.WampDict
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
})
