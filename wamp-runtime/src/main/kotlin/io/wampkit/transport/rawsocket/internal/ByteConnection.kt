package io.wampkit.transport.rawsocket.internal

import io.ktor.network.sockets.Socket
import io.ktor.network.sockets.openReadChannel
import io.ktor.network.sockets.openWriteChannel
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.ByteWriteChannel
import io.wampkit.transport.tls.internal.TlsSession
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull
import javax.net.ssl.SSLEngine

/** The byte streams of one TCP connection, plain or decrypted, and how to close it. */
internal class ByteConnection(
    val input: ByteReadChannel,
    val output: ByteWriteChannel,
    val close: suspend () -> Unit,
)

/**
 * Opens [socket]'s channels; with [engine], runs the TLS handshake within [timeoutMillis] first and
 * exposes the plaintext. On failure the socket is closed and the exception rethrown.
 */
internal suspend fun Socket.byteConnection(engine: SSLEngine?, timeoutMillis: Long): ByteConnection {
    val socket = this
    val netIn = openReadChannel()
    val netOut = openWriteChannel(autoFlush = false)
    if (engine == null) return ByteConnection(netIn, netOut) { socket.close() }
    val job = SupervisorJob()
    val tls = TlsSession(engine, netIn, netOut)
    try {
        withTimeout(timeoutMillis) { tls.handshake() }
    } catch (e: Throwable) {
        socket.close()
        job.cancel()
        throw e
    }
    val writer = tls.start(CoroutineScope(job + Dispatchers.IO + CoroutineName("wamp-tls")))
    return ByteConnection(tls.input, tls.output) {
        withContext(NonCancellable) {
            runCatching { tls.output.flushAndClose() } // ends the writer pump: close_notify goes out
            withTimeoutOrNull(CLOSE_NOTIFY_WAIT_MS) { writer.join() }
            socket.close()
            job.cancel()
        }
    }
}

private const val CLOSE_NOTIFY_WAIT_MS = 1_000L
