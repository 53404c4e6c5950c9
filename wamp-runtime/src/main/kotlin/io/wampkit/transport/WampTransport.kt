package io.wampkit.transport

import io.wampkit.message.WampMessage

/**
 * A connected, message-level WAMP transport: WebSocket, RawSocket or in-memory. It frames and serializes;
 * the session above it knows nothing of bytes.
 *
 * [send] and [trySend] may be called from many threads at once; [receive] from one reader coroutine only.
 */
public interface WampTransport {
    /** Human-readable endpoint and serializer, for logs and errors, e.g. `ws://127.0.0.1:8080/ws (json)`. */
    public val description: String

    /** Sends one message; suspends while the transport's outgoing buffer is full. */
    public suspend fun send(message: WampMessage)

    /**
     * Queues [message] without suspending, in order with [send]: [SendResult.FULL] when the outgoing buffer
     * (bounded by every transport of this library) has no room, and the caller applies its own policy; a
     * router routes on the thread that read the frame this way and never waits for a slow peer.
     * Encoding happens here, on the caller's thread, once per serializer ([OutboundMessage.encodedWith]).
     * @throws IllegalArgumentException when the message cannot be encoded.
     */
    public fun trySend(message: OutboundMessage): SendResult

    /**
     * The next incoming message.
     * @throws io.wampkit.WampProtocolViolationException when a frame does not decode to a valid message.
     * @throws io.wampkit.WampConnectionClosedException when the transport is closed.
     */
    public suspend fun receive(): WampMessage

    /** Closes the connection; idempotent. */
    public suspend fun close()
}

/** Opens [WampTransport]s to one endpoint; a session or component reconnects through it. */
public fun interface WampConnector {
    public suspend fun connect(): WampTransport
}
