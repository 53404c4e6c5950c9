package io.wampkit.transport

import io.wampkit.message.WampMessage
import io.wampkit.serialization.WampSerializer

/**
 * A message on its way out, encoded at most once per serializer however many transports it is offered to:
 * a router fanning one EVENT out to a thousand JSON subscribers encodes it once and shares the bytes.
 * Thread-safe; two threads racing to encode the same serializer may both encode, never with different results.
 */
public class OutboundMessage(public val message: WampMessage) {
    private class Encoded(val serializer: WampSerializer, val bytes: ByteArray, val next: Encoded?)

    @Volatile
    private var encoded: Encoded? = null

    /**
     * [message] encoded by [serializer], shared with every other caller: never modify the array.
     * @throws IllegalArgumentException as [WampSerializer.encode] does.
     */
    public fun encodedWith(serializer: WampSerializer): ByteArray {
        var e = encoded
        while (e != null) {
            if (e.serializer === serializer) return e.bytes
            e = e.next
        }
        val bytes = serializer.encode(message)
        encoded = Encoded(serializer, bytes, encoded)
        return bytes
    }

    override fun toString(): String = "OutboundMessage($message)"
}

/**
 * Messages a transport of this library queues for its peer by default (WebSocket over Netty or Ktor,
 * RawSocket) before [WampTransport.trySend] reports [SendResult.FULL]; the router's default session queue too.
 */
public const val DEFAULT_TRANSPORT_QUEUE_CAPACITY: Int = 1024

/** What [WampTransport.trySend] did with a message: the transport's flow control, seen by the sender. */
public enum class SendResult {
    /** Queued for the peer. */
    QUEUED,

    /** The outgoing buffer is full: the peer reads slower than it is sent to. Nothing was queued. */
    FULL,

    /** The transport is closed; the message is lost with the connection. */
    CLOSED,
}
