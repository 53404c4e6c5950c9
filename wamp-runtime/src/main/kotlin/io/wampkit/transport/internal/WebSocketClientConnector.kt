package io.wampkit.transport.internal

import io.ktor.client.HttpClient
import io.ktor.client.engine.cio.CIO
import io.ktor.client.plugins.websocket.WebSockets
import io.ktor.client.plugins.websocket.webSocketSession
import io.ktor.client.request.header
import io.ktor.http.HttpHeaders
import io.ktor.websocket.CloseReason
import io.ktor.websocket.close
import io.wampkit.WampConnectionClosedException
import io.wampkit.serialization.WampSerializer
import io.wampkit.transport.WampConnector
import io.wampkit.transport.WampTransport
import io.wampkit.transport.WebSocketKeepAlive
import io.wampkit.transport.asWampTransport
import io.wampkit.transport.boundedForWamp
import io.wampkit.transport.tls.TlsConfig
import io.wampkit.transport.tls.tlsConfig
import io.ktor.http.Url
import io.wampkit.transport.tls.internal.applyWampTls
import kotlinx.coroutines.CancellationException

internal class WebSocketClientConnector(
    private val url: String,
    private val serializers: List<WampSerializer>,
    private val sharedClient: HttpClient?,
    private val tls: TlsConfig? = null,
    private val keepAlive: WebSocketKeepAlive? = null,
) : WampConnector {
    private val offered = serializers.joinToString(", ") { it.subprotocol }

    override fun toString(): String = "webSocketConnector($url, ${serializers.joinToString("+") { it.name }}${if (tls != null) ", $tls" else ""})"

    override suspend fun connect(): WampTransport {
        val client = sharedClient ?: HttpClient(CIO) {
            install(WebSockets) { channels { boundedForWamp() } }
            val secure = tls ?: if (url.startsWith("wss://")) tlsConfig() else null
            secure?.let { engine { https { applyWampTls(it, Url(url).host) } } }
        }
        val session = try {
            client.webSocketSession(url) { header(HttpHeaders.SecWebSocketProtocol, offered) }
        } catch (e: CancellationException) {
            if (sharedClient == null) client.close()
            throw e
        } catch (e: Exception) {
            if (sharedClient == null) client.close()
            throw WampConnectionClosedException("cannot connect to $url: ${e.message ?: e::class.simpleName}", cause = e)
        }
        val agreed = session.call.response.headers[HttpHeaders.SecWebSocketProtocol]?.trim()
        val serializer = serializers.firstOrNull { it.subprotocol == agreed }
        if (serializer == null) {
            session.close(CloseReason(CloseReason.Codes.PROTOCOL_ERROR, "no WAMP subprotocol agreed"))
            if (sharedClient == null) client.close()
            throw WampConnectionClosedException(
                "$url did not agree to any offered subprotocol ($offered); it answered '${agreed ?: "none"}'",
            )
        }
        keepAlive?.let {
            // per session, so it also applies to a shared client; Ktor's pinger closes the session on timeout
            session.timeoutMillis = it.timeout.inWholeMilliseconds
            session.pingIntervalMillis = it.pingInterval.inWholeMilliseconds
        }
        return session.asWampTransport(serializer, "$url (${serializer.name})") {
            if (sharedClient == null) client.close()
        }
    }
}
