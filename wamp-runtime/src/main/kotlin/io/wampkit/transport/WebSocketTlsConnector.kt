package io.wampkit.transport

import io.wampkit.serialization.WampSerializer
import io.wampkit.serialization.jsonSerializer
import io.wampkit.transport.internal.WebSocketClientConnector
import io.wampkit.transport.tls.TlsConfig

/**
 * Connects to a WAMP router over `wss://` verifying its certificate with [tls] (a private CA, a pinned
 * certificate, ...; see [io.wampkit.transport.tls.tlsConfig]). The host name is always verified. Each
 * transport makes its own CIO client and closes it with itself. Without a [TlsConfig], the other
 * [webSocketConnector] already speaks `wss://` with the JDK's default trust.
 */
public fun webSocketConnector(
    url: String,
    tls: TlsConfig,
    serializer: WampSerializer = jsonSerializer(),
): WampConnector {
    require(url.startsWith("wss://")) { "a TlsConfig needs a wss:// URL, got '$url'" }
    return WebSocketClientConnector(url, listOf(serializer), null, tls, WebSocketKeepAlive.DEFAULT)
}
