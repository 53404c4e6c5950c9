package io.wampkit.transport.internal

import io.wampkit.WampConnectionClosedException
import io.wampkit.message.WampMessage
import io.wampkit.transport.WampTransport
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.ClosedReceiveChannelException
import kotlinx.coroutines.channels.ClosedSendChannelException

/**
 * One side of an in-memory connection. [close] closes both directions (never cancels them, so that the
 * peer sees [WampConnectionClosedException], not a stray CancellationException); messages still buffered
 * towards this side are dropped.
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
        }
    }

    override suspend fun receive(): WampMessage {
        if (closed) throw closedException(null)
        return try {
            incoming.receive()
        } catch (e: ClosedReceiveChannelException) {
            throw closedException(e)
        }
    }

    override suspend fun close() {
        closed = true
        outgoing.close()
        incoming.close()
    }

    private fun closedException(cause: Throwable?) = WampConnectionClosedException("$description is closed", cause = cause)
}
