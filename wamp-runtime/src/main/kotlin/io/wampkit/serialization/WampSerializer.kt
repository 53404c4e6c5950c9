package io.wampkit.serialization

import io.wampkit.message.DecodeResult
import io.wampkit.message.WampMessage
import io.wampkit.serialization.internal.JsonWampSerializer

/**
 * Turns [WampMessage]s into frames and back for one wire format. Implementations are stateless and
 * thread-safe; [decode] never throws.
 */
public interface WampSerializer {
    /** Short name, as used on the command line: `json`, `msgpack`, `cbor`. */
    public val name: String

    /** The WebSocket subprotocol, e.g. `wamp.2.json`. */
    public val subprotocol: String

    /** True when frames are binary (MessagePack, CBOR); false for text (JSON). */
    public val isBinary: Boolean

    /**
     * Encodes one message.
     * @throws IllegalArgumentException when the payload cannot be represented (e.g. a NaN in JSON).
     */
    public fun encode(message: WampMessage): ByteArray

    /** Decodes and validates one frame. */
    public fun decode(frame: ByteArray): DecodeResult
}

/** The JSON serializer (`wamp.2.json`); binary values travel as `"\u0000" + base64`, as the spec says. */
public fun jsonSerializer(): WampSerializer = JsonWampSerializer

/** The serializers this build implements, by [WampSerializer.name]. */
public fun availableSerializers(): List<WampSerializer> = listOf(JsonWampSerializer)
