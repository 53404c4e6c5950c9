package io.wampkit.transport.rawsocket.internal

import io.ktor.network.selector.SelectorManager
import io.ktor.network.sockets.Socket
import io.ktor.network.sockets.aSocket
import io.wampkit.WampConnectionClosedException
import io.wampkit.serialization.WampSerializer
import io.wampkit.transport.WampConnector
import io.wampkit.transport.WampTransport
import io.wampkit.transport.rawsocket.RawSocketHandshakeException
import io.wampkit.transport.tls.TlsConfig
import io.wampkit.transport.tls.internal.clientEngine
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout

internal class RawSocketClientConnector(
    private val host: String,
    private val port: Int,
    private val serializer: WampSerializer,
    private val maxMessageLength: Int,
    private val tls: TlsConfig?,
    private val timeoutMillis: Long,
    private val sharedSelector: SelectorManager?,
) : WampConnector {
    private val url = "${if (tls == null) "rs" else "rss"}://$host:$port"

    override fun toString(): String = "rawSocketConnector($url, ${serializer.name})"

    override suspend fun connect(): WampTransport {
        val selector = sharedSelector ?: SelectorManager(Dispatchers.IO)
        var socket: Socket? = null
        var connection: ByteConnection? = null
        suspend fun cleanUp() = withContext(NonCancellable) {
            connection?.close?.invoke() ?: socket?.close()
            if (sharedSelector == null) selector.close()
        }
        try {
            socket = withTimeout(timeoutMillis) { aSocket(selector).tcp().connect(host, port) }
            connection = socket.byteConnection(tls?.clientEngine(host, port), timeoutMillis)
            val agreed = clientHandshake(connection.input, connection.output, serializer, maxMessageLength, timeoutMillis)
            val open = connection
            return RawSocketTransport("$url (${serializer.name})", open.input, open.output, serializer, agreed.maxReceive, agreed.maxSend) {
                open.close()
                if (sharedSelector == null) selector.close()
            }
        } catch (e: RawSocketHandshakeException) {
            cleanUp()
            throw e
        } catch (e: TimeoutCancellationException) {
            cleanUp()
            throw WampConnectionClosedException("cannot connect to $url: no connection within $timeoutMillis ms", cause = e)
        } catch (e: CancellationException) {
            cleanUp()
            throw e
        } catch (e: Exception) {
            cleanUp()
            throw WampConnectionClosedException("cannot connect to $url: ${e.message ?: e::class.simpleName}", cause = e)
        }
    }
}
