package io.wampkit.transport.rawsocket

import io.ktor.network.sockets.Socket
import io.wampkit.serialization.WampSerializer
import io.wampkit.transport.DEFAULT_TRANSPORT_QUEUE_CAPACITY
import io.wampkit.transport.WampTransport
import io.wampkit.transport.rawsocket.internal.HandshakeOutcome
import io.wampkit.transport.rawsocket.internal.RawSocketTransport
import io.wampkit.transport.rawsocket.internal.byteConnection
import io.wampkit.transport.rawsocket.internal.routerHandshake
import io.wampkit.transport.tls.TlsServerConfig
import io.wampkit.transport.tls.internal.serverEngine
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.withContext
import org.slf4j.LoggerFactory

/**
 * The router's side of a freshly accepted TCP connection: TLS handshake with [tls] (when given), then the
 * RawSocket handshake within [handshakeTimeoutMillis]. Agrees on the client's serializer when it is one of
 * [serializers] and announces [maxMessageLength] (rounded down to a power of two in 512..2^24); a larger
 * frame from the client is then a protocol violation. [refuse] answers the handshake with that error (e.g.
 * [RawSocketError.MAX_CONNECTION_COUNT_REACHED]).
 *
 * [queueCapacity] bounds the messages queued for the client; beyond it [WampTransport.trySend] reports FULL.
 *
 * Returns the transport, or null after refusing or failing the connection (bad magic octet, unknown
 * serializer, reserved bits, timeout, TLS failure), which is then closed. Never throws for what the client sent.
 */
public suspend fun Socket.acceptRawSocket(
    serializers: List<WampSerializer>,
    maxMessageLength: Int,
    tls: TlsServerConfig? = null,
    handshakeTimeoutMillis: Long = 10_000L,
    refuse: RawSocketError? = null,
    queueCapacity: Int = DEFAULT_TRANSPORT_QUEUE_CAPACITY,
): WampTransport? {
    require(serializers.isNotEmpty()) { "at least one serializer is needed" }
    require(queueCapacity > 0) { "queueCapacity must be positive" }
    val peer = remoteAddress.toString()
    val connection = try {
        byteConnection(tls?.serverEngine(), handshakeTimeoutMillis)
    } catch (e: TimeoutCancellationException) {
        log.debug("rawsocket {}: no TLS handshake within {} ms", peer, handshakeTimeoutMillis)
        return null
    } catch (e: CancellationException) {
        throw e
    } catch (e: Exception) {
        log.debug("rawsocket {}: TLS handshake failed: {}", peer, e.message)
        return null
    }
    val outcome = try {
        routerHandshake(connection.input, connection.output, serializers, maxMessageLength, handshakeTimeoutMillis, refuse)
    } catch (e: CancellationException) {
        withContext(NonCancellable) { connection.close() }
        throw e
    } catch (e: Exception) {
        HandshakeOutcome.Failed(e.message ?: e::class.simpleName.orEmpty())
    }
    return when (outcome) {
        is HandshakeOutcome.Failed -> {
            log.debug("rawsocket {}: handshake failed: {}", peer, outcome.reason)
            withContext(NonCancellable) {
                runCatching { connection.output.flushAndClose() }
                connection.close()
            }
            null
        }
        is HandshakeOutcome.Agreed -> {
            val agreed = outcome.agreement
            val scheme = if (tls == null) "rs" else "rss"
            RawSocketTransport(
                "$scheme://$peer (${agreed.serializer.name})",
                connection.input, connection.output, agreed.serializer, agreed.maxReceive, agreed.maxSend, routerSide = true, queueCapacity = queueCapacity, onClose = connection.close,
            )
        }
    }
}

private val log = LoggerFactory.getLogger("io.wampkit.transport.rawsocket.RawSocketAccept")
