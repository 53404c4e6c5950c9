package io.wampkit.transport.rawsocket

import io.ktor.network.selector.SelectorManager
import io.wampkit.serialization.WampSerializer
import io.wampkit.serialization.jsonSerializer
import io.wampkit.transport.WampConnector
import io.wampkit.transport.rawsocket.internal.RawSocketClientConnector
import io.wampkit.transport.rawsocket.internal.RawSocketFraming
import io.wampkit.transport.tls.TlsConfig
import io.wampkit.transport.tls.tlsConfig
import java.net.URI

/** The largest message length a RawSocket peer can announce: 2^24 octets (16 MiB). */
public const val RAWSOCKET_MAX_LENGTH: Int = 1 shl 24

/**
 * Connects to a WAMP router over RawSocket (TCP), or RawSocket over TLS when [tls] is given.
 *
 * The handshake asks for [serializer] (RawSocket ids: 1 JSON, 2 MessagePack, 3 CBOR) and announces
 * [maxMessageLength] (rounded down to a power of two in 512..2^24) as the largest message this client
 * accepts. A refusal throws [RawSocketHandshakeException] with the router's [RawSocketError]; a network or
 * TLS failure (untrusted certificate, wrong host name) throws [io.wampkit.WampConnectionClosedException]
 * whose cause tells why. [handshakeTimeoutMillis] bounds the connect, the TLS and the RawSocket handshake.
 *
 * Pass a [selector] to share one Ktor selector between connections (it is then yours to close); without
 * one, each transport has its own and closes it with itself.
 */
public fun rawSocketConnector(
    host: String,
    port: Int,
    serializer: WampSerializer = jsonSerializer(),
    maxMessageLength: Int = RAWSOCKET_MAX_LENGTH,
    tls: TlsConfig? = null,
    handshakeTimeoutMillis: Long = 10_000L,
    selector: SelectorManager? = null,
): WampConnector {
    require(host.isNotBlank()) { "host must not be blank" }
    require(port in 1..65_535) { "port must be in 1..65535, was $port" }
    require(maxMessageLength >= RawSocketFraming.MIN_LENGTH) { "maxMessageLength must be at least 512, was $maxMessageLength" }
    require(handshakeTimeoutMillis > 0) { "handshakeTimeoutMillis must be positive" }
    requireNotNull(RawSocketFraming.serializerId(serializer.name)) { "serializer '${serializer.name}' has no RawSocket id" }
    return RawSocketClientConnector(host, port, serializer, maxMessageLength, tls, handshakeTimeoutMillis, selector)
}

/**
 * Connects to a RawSocket URL: `rs://host:port` (or `tcp://host:port`) for plain TCP, `rss://host:port`
 * for TLS, with [tls] or, when null, the JDK's default trust; see the other [rawSocketConnector].
 */
public fun rawSocketConnector(
    url: String,
    serializer: WampSerializer = jsonSerializer(),
    maxMessageLength: Int = RAWSOCKET_MAX_LENGTH,
    tls: TlsConfig? = null,
    handshakeTimeoutMillis: Long = 10_000L,
): WampConnector {
    val uri = try {
        URI(url)
    } catch (e: java.net.URISyntaxException) {
        throw IllegalArgumentException("'$url' is not a RawSocket URL (rs://host:port, rss://host:port)", e)
    }
    val secure = when (uri.scheme) {
        "rs", "tcp" -> false
        "rss", "tls" -> true
        else -> throw IllegalArgumentException("a RawSocket URL starts with rs://, tcp://, rss:// or tls://, got '$url'")
    }
    require(!uri.host.isNullOrEmpty() && uri.port > 0) { "a RawSocket URL needs a host and a port, got '$url'" }
    require(secure || tls == null) { "a TlsConfig needs an rss:// URL, got '$url'" }
    val host = uri.host.removePrefix("[").removeSuffix("]")
    return rawSocketConnector(host, uri.port, serializer, maxMessageLength, if (secure) tls ?: tlsConfig() else null, handshakeTimeoutMillis)
}
