package io.wampkit.serialization

import io.wampkit.message.DecodeResult
import io.wampkit.message.WampMessage
import io.wampkit.serialization.internal.CborWampSerializer
import io.wampkit.serialization.internal.JsonWampSerializer
import io.wampkit.serialization.internal.MsgpackWampSerializer

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

/**
 * The MessagePack serializer (`wamp.2.msgpack`, binary frames); binary values use MessagePack's bin type.
 * Decoding refuses integers outside the signed 64-bit range, map keys that are not strings, extension types,
 * NaN and infinities, invalid UTF-8, nesting deeper than [io.wampkit.value.MAX_JSON_DEPTH] and trailing bytes.
 */
public fun msgpackSerializer(): WampSerializer = MsgpackWampSerializer

/**
 * The CBOR serializer (`wamp.2.cbor`, binary frames); binary values are CBOR byte strings (major type 2).
 * Decoding refuses what [msgpackSerializer] refuses, and also simple values other than true/false/null
 * (`undefined` included), bignums beyond 64 bits, decimal fractions and map keys that are not text strings.
 */
public fun cborSerializer(): WampSerializer = CborWampSerializer

/**
 * The serializers this build implements: JSON, MessagePack, CBOR, in that order. A router listener accepts all
 * of them unless told otherwise; the order does not matter there, the client's preference decides.
 */
public fun availableSerializers(): List<WampSerializer> = listOf(JsonWampSerializer, MsgpackWampSerializer, CborWampSerializer)

/** The serializer whose [WampSerializer.name] or [WampSerializer.subprotocol] is [nameOrSubprotocol], or null. */
public fun serializerNamed(nameOrSubprotocol: String): WampSerializer? =
    availableSerializers().firstOrNull { it.name == nameOrSubprotocol || it.subprotocol == nameOrSubprotocol }
