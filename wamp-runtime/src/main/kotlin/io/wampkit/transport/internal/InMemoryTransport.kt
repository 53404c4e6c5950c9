package io.wampkit.transport.internal

import io.wampkit.WampConnectionClosedException
import io.wampkit.message.WampMessage
import io.wampkit.transport.WampTransport
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.ClosedReceiveChannelException
import kotlinx.coroutines.channels.ClosedSendChannelException

internal class InMemoryTransport(
    override val description: String,
    private val outgoing: Channel<WampMessage>,
    private val incoming: Channel<WampMessage>,
) : WampTransport {

    override suspend fun send(message: WampMessage) {
        try {
            outgoing.send(message)
        } catch (e: ClosedSendChannelException) {
            throw WampConnectionClosedException("$description is closed", cause = e)
        }
    }

    override suspend fun receive(): WampMessage = try {
        incoming.receive()
    } catch (e: ClosedReceiveChannelException) {
        throw WampConnectionClosedException("$description is closed", cause = e)
    }

    override suspend fun close() {
        outgoing.close()
        incoming.cancel()
    }
}
