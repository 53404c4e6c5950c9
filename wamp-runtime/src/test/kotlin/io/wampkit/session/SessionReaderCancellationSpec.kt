@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.WampErrors
import io.wampkit.message.Goodbye
import io.wampkit.message.Hello
import io.wampkit.message.Result
import io.wampkit.message.WampMessage
import io.wampkit.message.Welcome
import io.wampkit.transport.inMemoryTransportPair
import io.wampkit.value.WampDict
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.cancel
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest

/**
 * A session whose outgoing buffer (one message) is full: the router reads nothing, so the reader's next send
 * (a GOODBYE reply, an ABORT) suspends until the session's scope is cancelled.
 */
private suspend fun TestScope.sessionWithFullOutbox(): Pair<WampSession, VirtualRouter> {
    val (client, routerSide) = inMemoryTransportPair(capacity = 1, name = "narrow")
    val router = VirtualRouter(routerSide)
    val joining = async { client.join("com.example.realm", backgroundScope.coroutineContext) }
    router.expect<Hello>()
    router.send(Welcome(4711, WampDict.EMPTY))
    val session = joining.await()
    session.publish("com.example.filler") // not acknowledged: it stays in the buffer, which is now full
    return session to router
}

/**
 * The router's [message] makes the reader send an answer, which cannot go out; cancelling the session's scope
 * meanwhile must cancel the reader, which ends the session as any cancellation of its scope does.
 */
private fun cancelledWhileAnswering(message: WampMessage) = runTest {
    val (session, router) = sessionWithFullOutbox()
    router.send(message)
    runCurrent() // the reader is now suspended sending its answer
    session.cancel()
    session.awaitClosed() shouldBe SessionCloseDetails(WampErrors.CLOSE_NORMAL, "session scope cancelled")
    val job = session.coroutineContext[Job]!!
    job.join()
    job.isCancelled shouldBe true
}

/** Cancelling the session's scope while its reader is sending must not be swallowed as a failed send. */
class SessionReaderCancellationSpec : FunSpec({
    test("cancelled while answering the router's GOODBYE") {
        cancelledWhileAnswering(Goodbye(WampDict.EMPTY, WampErrors.SYSTEM_SHUTDOWN))
    }

    test("cancelled while sending ABORT for a protocol violation") {
        cancelledWhileAnswering(Result(999, WampDict.EMPTY)) // a RESULT for a request never sent
    }
})
