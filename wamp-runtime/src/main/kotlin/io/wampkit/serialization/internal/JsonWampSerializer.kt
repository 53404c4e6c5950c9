package io.wampkit.serialization.internal

import io.wampkit.message.DecodeResult
import io.wampkit.message.WampCodec
import io.wampkit.message.WampMessage
import io.wampkit.serialization.WampSerializer
import io.wampkit.value.toJsonElement
import io.wampkit.value.toWampValue
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import java.nio.charset.CharacterCodingException

/** `wamp.2.json` on kotlinx.serialization's JSON tree. */
internal object JsonWampSerializer : WampSerializer {
    override val name: String get() = "json"
    override val subprotocol: String get() = "wamp.2.json"
    override val isBinary: Boolean get() = false

    override fun encode(message: WampMessage): ByteArray =
        Json.encodeToString(JsonElement.serializer(), WampCodec.encode(message).toJsonElement()).encodeToByteArray()

    override fun decode(frame: ByteArray): DecodeResult {
        val value = try {
            Json.parseToJsonElement(frame.decodeToString(throwOnInvalidSequence = true)).toWampValue()
        } catch (e: SerializationException) {
            return DecodeResult.Failure("malformed JSON: ${e.message?.lineSequence()?.firstOrNull()}")
        } catch (e: CharacterCodingException) {
            return DecodeResult.Failure("frame is not valid UTF-8")
        } catch (e: IllegalArgumentException) {
            return DecodeResult.Failure("unsupported JSON: ${e.message}")
        }
        return WampCodec.decode(value)
    }
}
