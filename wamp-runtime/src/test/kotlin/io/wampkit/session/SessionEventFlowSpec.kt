package io.wampkit.session

import app.cash.turbine.test
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampConnectionClosedException
import io.wampkit.message.Event
import io.wampkit.message.Goodbye
import io.wampkit.message.Subscribe
import io.wampkit.message.Subscribed
import io.wampkit.message.Unsubscribe
import io.wampkit.message.Unsubscribed
import io.wampkit.value.WampDict
import io.wampkit.value.wampListOf
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest

class SessionEventFlowSpec : FunSpec({
    test("collecting subscribes, events arrive in order, and ending the collection unsubscribes") {
        runTest {
            val (session, router) = joinedSession()
            val collected = async { session.events("com.example.ticks").take(3).toList() }
            val subscribe = router.expect<Subscribe>()
            subscribe.topic shouldBe "com.example.ticks"
            router.send(Subscribed(subscribe.request, 9))
            for (n in 1L..3L) router.send(Event(9, n, WampDict.EMPTY, wampListOf(n)))
            // the collection ends after three events by unsubscribing
            val unsubscribe = router.expect<Unsubscribe>()
            unsubscribe.subscription shouldBe 9
            router.send(Unsubscribed(unsubscribe.request))
            collected.await().map { it.args } shouldBe listOf(wampListOf(1), wampListOf(2), wampListOf(3))
        }
    }

    test("the flow is cold and fails with WampConnectionClosedException when the session ends") {
        runTest {
            val (session, router) = joinedSession()
            val flow = session.events("com.example.t")
            flow.test {
                router.send(Subscribed(router.expect<Subscribe>().request, 4))
                router.send(Event(4, 1, WampDict.EMPTY, wampListOf("a")))
                awaitItem().args shouldBe wampListOf("a")
                router.send(Goodbye(WampDict.EMPTY, "wamp.close.system_shutdown"))
                awaitError().shouldBeInstanceOf<WampConnectionClosedException>().reason shouldBe "wamp.close.system_shutdown"
            }
            router.expect<Goodbye>()
            shouldThrow<WampConnectionClosedException> { session.events("com.example.t").toList() }
        }
    }
})
