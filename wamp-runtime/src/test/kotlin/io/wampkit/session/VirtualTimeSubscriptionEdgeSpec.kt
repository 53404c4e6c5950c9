@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.message.Call
import io.wampkit.message.Event
import io.wampkit.message.Result
import io.wampkit.message.Subscribe
import io.wampkit.message.Subscribed
import io.wampkit.message.Unsubscribe
import io.wampkit.message.Unsubscribed
import io.wampkit.value.WampDict
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout

/** Subscriptions shared by several handlers, and event handlers that talk back to the router. */
class VirtualTimeSubscriptionEdgeSpec : FunSpec({
    test("two handlers on one router subscription both get each event; only the last unsubscribe sends UNSUBSCRIBE") {
        runTest {
            val (session, router) = virtualSession()
            val seen = Channel<String>(Channel.UNLIMITED)
            val first = async { session.subscribe("com.example.t") { seen.send("a${it.publication}") } }
            router.send(Subscribed(router.expect<Subscribe>().request, 9))
            val second = async { session.subscribe("com.example.t") { seen.send("b${it.publication}") } }
            router.send(Subscribed(router.expect<Subscribe>().request, 9)) // the router reuses its subscription
            first.await().id shouldBe 9
            second.await().id shouldBe 9
            router.send(Event(9, 1, WampDict.EMPTY))
            withTimeout(1_000) { listOf(seen.receive(), seen.receive()) } shouldBe listOf("a1", "b1")
            first.await().unsubscribe()
            router.poll() shouldBe null // the second handler still needs the subscription
            router.send(Event(9, 2, WampDict.EMPTY))
            withTimeout(1_000) { seen.receive() } shouldBe "b2"
            val last = async { second.await().unsubscribe() }
            val unsubscribe = router.expect<Unsubscribe>()
            unsubscribe.subscription shouldBe 9
            router.send(Unsubscribed(unsubscribe.request))
            last.await()
            session.leave()
        }
    }

    test("an event handler can call() while up to EVENT_BUFFER further events wait") {
        runTest {
            val (session, router) = virtualSession()
            val answer = CompletableDeferred<CallResult>()
            val sub = async {
                session.subscribe("com.example.t") { e ->
                    if (e.publication == 1L) answer.complete(session.call("com.example.lookup"))
                }
            }
            router.send(Subscribed(router.expect<Subscribe>().request, 9))
            sub.await()
            router.send(Event(9, 1, WampDict.EMPTY))
            val call = router.expect<Call>()
            for (n in 2L..(WampSession.EVENT_BUFFER + 1L)) router.send(Event(9, n, WampDict.EMPTY)) // fills the buffer
            router.send(Result(call.request, WampDict.EMPTY, wampListOf("found")))
            withTimeout(10_000) { answer.await() }.args shouldBe wampListOf("found")
            session.leave()
        }
    }

    test("documented limitation: a handler awaiting a call while its buffer overflows stalls the session until leave()") {
        // docs/guide.md §6.1 "Backpressure": the reader waits for room in the full buffer, so it never reads the
        // RESULT the handler waits for. leave() still ends the session after its GOODBYE wait.
        runTest {
            val (session, router) = virtualSession()
            val answer = CompletableDeferred<kotlin.Result<CallResult>>()
            val sub = async {
                session.subscribe("com.example.t") { e ->
                    if (e.publication == 1L) answer.complete(runCatching { session.call("com.example.lookup") })
                }
            }
            router.send(Subscribed(router.expect<Subscribe>().request, 9))
            sub.await()
            router.send(Event(9, 1, WampDict.EMPTY))
            val call = router.expect<Call>()
            for (n in 2L..(WampSession.EVENT_BUFFER + 2L)) router.send(Event(9, n, WampDict.EMPTY)) // one too many
            router.send(Result(call.request, WampDict.EMPTY, wampListOf("found")))
            router.poll(60_000) shouldBe null
            answer.isCompleted shouldBe false // stalled
            session.isActive shouldBe true
            val leaving = async { session.leave() }
            router.expect<io.wampkit.message.Goodbye>()
            val started = currentTime
            leaving.await()
            currentTime - started shouldBe 5_000 // the GOODBYE wait: the router's answer cannot be read either
            answer.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>()
            session.awaitClosed().reason shouldBe WampErrors.CLOSE_NORMAL
        }
    }
})
