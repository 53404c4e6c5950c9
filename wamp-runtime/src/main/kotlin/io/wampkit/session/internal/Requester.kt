package io.wampkit.session.internal

import io.wampkit.WampConnectionClosedException
import io.wampkit.WampException
import io.wampkit.message.Cancel
import io.wampkit.message.Error
import io.wampkit.message.WampMessage
import io.wampkit.session.CancelMode
import io.wampkit.session.SessionCloseDetails
import io.wampkit.transport.WampTransport
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.withContext
import java.util.concurrent.atomic.AtomicBoolean

/**
 * The request side of a [ClientSession]: sends a request with a fresh id, waits for its reply through
 * [pending], cancels calls on the wire, and knows whether (and how) the session has ended.
 */
internal class Requester(
    private val sessionId: Long,
    private val transport: WampTransport,
    val pending: PendingRequests,
    /** Whether the router announced `call_canceling`: without it, a cancelled call sends no CANCEL. */
    private val routerCancels: Boolean,
) {
    private val closed = AtomicBoolean(false)

    /** Completed once, by [markClosed]'s caller, with how the session ended. */
    val closeDetails = CompletableDeferred<SessionCloseDetails>()

    val isClosed: Boolean get() = closed.get()

    /** True for the one caller that ends the session. */
    fun markClosed(): Boolean = closed.compareAndSet(false, true)

    /** Sends the message [build] makes for a new request of [type] and returns its reply; ERROR throws. */
    suspend fun request(
        type: Int,
        onReply: ((WampMessage) -> Unit)? = null,
        cancelMode: CancelMode? = null,
        build: (Long) -> WampMessage,
    ): WampMessage {
        checkOpen()
        val (id, waiting) = pending.open(type, onReply)
        try {
            if (closed.get()) checkOpen() // ended between the check and open(): failAll() missed this one
            send(build(id))
            val reply = try {
                waiting.reply.await()
            } catch (e: CancellationException) {
                if (cancelMode != null) cancelOnWire(id, cancelMode)
                throw e
            }
            if (reply is Error) throw WampException(reply.error, reply.args, reply.kwargs)
            return reply
        } finally {
            pending.forget(id)
        }
    }

    suspend fun send(message: WampMessage) = transport.send(message)

    /** Sends CANCEL for call [id] when the session is open and the router supports call canceling. */
    suspend fun cancelOnWire(id: Long, mode: CancelMode) {
        if (closed.get() || !routerCancels) return
        withContext(NonCancellable) {
            runCatchingUnlessCancelled { send(Cancel(id, wampDictOf("mode" to mode.wire))) }
        }
    }

    /** @throws WampConnectionClosedException when the session has ended. */
    @OptIn(ExperimentalCoroutinesApi::class) // getCompleted() after the isCompleted check
    fun checkOpen() {
        if (closed.get()) {
            val d = closeDetails.takeIf { it.isCompleted }?.getCompleted()
            throw WampConnectionClosedException("session $sessionId has ended (${d?.reason ?: "closing"})", d?.reason)
        }
    }
}
