@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.message.Call
import io.wampkit.message.Event
import io.wampkit.message.Goodbye
import io.wampkit.message.Invocation
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.message.Result
import io.wampkit.message.Subscribe
import io.wampkit.message.Subscribed
import io.wampkit.message.Unsubscribe
import io.wampkit.message.Unsubscribed
import io.wampkit.value.WampDict
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull

/** Handlers and the end of a session; handlers that cancel, or unsubscribe, themselves. */
class SessionHandlerCancellationSpec : FunSpec({
    test("leave() cancels running invocation and event handlers, and nothing is sent after GOODBYE") {
        runTest {
            val (session, router) = joinedSession()
            val invocationCancelled = CompletableDeferred<Unit>()
            val eventCancelled = CompletableDeferred<Unit>()
            val registering = async {
                session.register("com.example.slow") { try { awaitCancellation() } finally { invocationCancelled.complete(Unit) } }
            }
            router.send(Registered(router.expect<Register>().request, 1))
            registering.await()
            val subscribing = async {
                session.subscribe("com.example.t") { try { awaitCancellation() } finally { eventCancelled.complete(Unit) } }
            }
            router.send(Subscribed(router.expect<Subscribe>().request, 2))
            subscribing.await()
            router.send(Invocation(1, 1, WampDict.EMPTY))
            router.send(Event(2, 1, WampDict.EMPTY))
            runCurrent()
            invocationCancelled.isCompleted shouldBe false
            val leaving = async { session.leave() }
            router.expect<Goodbye>().reason shouldBe WampErrors.CLOSE_NORMAL
            router.send(Goodbye(WampDict.EMPTY, WampErrors.GOODBYE_AND_OUT))
            leaving.await()
            invocationCancelled.await()
            eventCancelled.await()
            shouldThrow<WampConnectionClosedException> { router.receive() } // no YIELD or ERROR for the cancelled one
            val job = session.coroutineContext[kotlinx.coroutines.Job]!!
            job.join()
            job.children.toList() shouldBe emptyList()
        }
    }

    // Regression test, was a bug (session/internal/SubscriptionSlot.kt, deliver()): every CancellationException is rethrown, so a
    // handler that lets a TimeoutCancellationException escape kills the subscription's consumer: no later event
    // is delivered, and after EVENT_BUFFER more events the reader blocks and the whole session stalls.
    // Fix: rethrow only when the consumer itself is cancelled (!currentCoroutineContext().isActive).
    test("an event handler whose own withTimeout expires still gets later events") {
        runTest {
            val (session, router) = joinedSession()
            val seen = Channel<Long>(Channel.UNLIMITED)
            val subscribing = async {
                session.subscribe("com.example.t") { e ->
                    seen.send(e.publication)
                    if (e.publication == 1L) withTimeout(10) { awaitCancellation() }
                }
            }
            router.send(Subscribed(router.expect<Subscribe>().request, 4))
            subscribing.await()
            router.send(Event(4, 1, WampDict.EMPTY))
            router.send(Event(4, 2, WampDict.EMPTY))
            seen.receive() shouldBe 1
            withTimeoutOrNull(10_000) { seen.receive() } shouldBe 2
        }
    }

    // Regression test, was a bug (session/internal/ClientSession.kt, unsubscribe() -> SubscriptionSlot.close()): close() cancels the
    // consumer coroutine, which is the very coroutine running the handler; unsubscribing from inside a handler
    // (a one-shot subscription) throws CancellationException out of unsubscribe() and the rest of the handler
    // never runs. Fix: do not cancel the consumer from close(); close the buffer and let the loop end.
    test("a handler can unsubscribe itself and carry on") {
        runTest {
            val (session, router) = joinedSession()
            val subscription = CompletableDeferred<Subscription>()
            val after = CompletableDeferred<Unit>()
            val subscribing = async {
                session.subscribe("com.example.once") { subscription.await().unsubscribe(); after.complete(Unit) }
            }
            router.send(Subscribed(router.expect<Subscribe>().request, 4))
            subscription.complete(subscribing.await())
            router.send(Event(4, 1, WampDict.EMPTY))
            router.send(Unsubscribed(router.expect<Unsubscribe>().request))
            withTimeoutOrNull(10_000) { after.await() } shouldBe Unit
        }
    }

    // Regression test, was a bug (session/internal/SubscriptionSlot.kt, close()/offer()): when the reader is suspended in offer() on a
    // full buffer and the subscription is removed, close() cancels the consumer and nobody drains the buffer,
    // so the reader never resumes: UNSUBSCRIBED, RESULTs and everything else are never read again.
    // Fix: in close(), drain the buffer after closing it (or cancel it) and let offer() drop events for a
    // closed slot (catch ClosedSendChannelException) instead of failing the reader.
    test("unsubscribing while the reader waits on a full event buffer does not stall the session") {
        runTest {
            val (session, router) = joinedSession()
            val subscribing = async { session.subscribe("com.example.t") { awaitCancellation() } }
            router.send(Subscribed(router.expect<Subscribe>().request, 4))
            val subscription = subscribing.await()
            for (n in 1L..WampSession.EVENT_BUFFER + 5L) router.send(Event(4, n, WampDict.EMPTY))
            runCurrent()
            val unsubscribing = async { subscription.unsubscribe() }
            router.send(Unsubscribed(router.expect<Unsubscribe>().request))
            val call = async { runCatching { session.call("com.example.p") } }
            router.send(Result(router.expect<Call>().request, WampDict.EMPTY))
            withTimeoutOrNull(10_000) { unsubscribing.await(); call.await() }?.isSuccess shouldBe true
        }
    }
})
