package io.wampkit.transport.internal

import io.wampkit.serialization.WampSerializer

/**
 * Why a WebSocket data frame ([isText] or binary, [size] bytes) cannot carry a WAMP message for this
 * serializer within [maxMessageSize], or null when it can: the check of every WebSocket transport, Ktor or Netty.
 */
internal fun WampSerializer.webSocketFrameProblem(isText: Boolean, size: Int, maxMessageSize: Int): String? = when {
    isText == isBinary ->
        "received a ${if (isText) "text" else "binary"} frame, but $subprotocol uses ${if (isBinary) "binary frames" else "text frames"}"
    size > maxMessageSize -> "message of $size bytes exceeds the limit of $maxMessageSize bytes"
    else -> null
}
