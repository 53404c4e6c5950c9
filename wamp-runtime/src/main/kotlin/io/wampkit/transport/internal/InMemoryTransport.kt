package io.wampkit.transport.internal

import io.wampkit.WampConnectionClosedException
import io.wampkit.message.WampMessage
import io.wampkit.transport.OutboundMessage
import io.wampkit.transport.SendResult
import io.wampkit.transport.WampTransport
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.ClosedReceiveChannelException
import kotlinx.coroutines.channels.ClosedSendChannelException
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive

/**
 * One side of an in-memory connection. [close] closes what this side sends (the peer reads what is
 * buffered, then sees the end) and cancels what it receives (buffered messages are dropped, a peer waiting
 * to send is released). Either way the peer sees [WampConnectionClosedException], never a stray
 * CancellationException.
 */
internal class InMemoryTransport(
    override val description: String,
    private val outgoing: Channel<WampMessage>,
    private val incoming: Channel<WampMessage>,
) : WampTransport {
    @Volatile
    private var closed = false

    override suspend fun send(message: WampMessage) {
        if (closed) throw closedException(null)
        try {
            outgoing.send(message)
        } catch (e: ClosedSendChannelException) {
            throw closedException(e)
        } catch (e: CancellationException) {
            currentCoroutineContext().ensureActive() // our own coroutine was cancelled: propagate that
            throw closedException(e) // the channel was cancelled by the other side's close()
        }
    }

    override fun trySend(message: OutboundMessage): SendResult {
        if (closed) return SendResult.CLOSED
        val result = outgoing.trySend(message.message)
        return when {
            result.isSuccess -> SendResult.QUEUED
            result.isClosed -> SendResult.CLOSED
            else -> SendResult.FULL
        }
    }

    override suspend fun receive(): WampMessage {
        if (closed) throw closedException(null)
        return try {
            incoming.receive()
        } catch (e: ClosedReceiveChannelException) {
            throw closedException(e)
        } catch (e: CancellationException) {
            currentCoroutineContext().ensureActive()
            throw closedException(e)
        }
    }

    override suspend fun close() {
        closed = true
        outgoing.close()
        incoming.cancel()
    }

    private fun closedException(cause: Throwable?) = WampConnectionClosedException("$description is closed", cause = cause)
}
