package io.wampkit.transport.tls.internal

import io.ktor.utils.io.ByteChannel
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.ByteWriteChannel
import io.ktor.utils.io.close
import io.ktor.utils.io.readAvailable
import io.ktor.utils.io.writeFully
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.launch
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext
import java.io.EOFException
import java.nio.ByteBuffer
import javax.net.ssl.SSLEngine
import javax.net.ssl.SSLEngineResult.HandshakeStatus
import javax.net.ssl.SSLEngineResult.Status
import javax.net.ssl.SSLException

/**
 * Moves bytes between a network connection ([netIn]/[netOut]) and the JDK's [SSLEngine], which does all
 * of TLS (handshake, records, alerts). After [handshake], [start] runs two pumps that expose the plaintext
 * as [input] and [output]; closing [output] sends close_notify, then closes [netOut].
 */
internal class TlsSession(
    private val engine: SSLEngine,
    private val netIn: ByteReadChannel,
    private val netOut: ByteWriteChannel,
) {
    private val plainIn = ByteChannel()
    private val plainOut = ByteChannel()
    private val wrapLock = Mutex()
    private var fromNet: ByteBuffer = ByteBuffer.allocate(engine.session.packetBufferSize).flip()
    private var toApp: ByteBuffer = ByteBuffer.allocate(engine.session.applicationBufferSize)
    private var toNet: ByteBuffer = ByteBuffer.allocate(engine.session.packetBufferSize)

    /** Plaintext from the peer. */
    val input: ByteReadChannel get() = plainIn

    /** Plaintext to the peer. */
    val output: ByteWriteChannel get() = plainOut

    /** Runs the TLS handshake; throws [SSLException] (e.g. an untrusted certificate) or [EOFException]. */
    suspend fun handshake() {
        try {
            engine.beginHandshake()
            while (true) {
                when (engine.handshakeStatus) {
                    HandshakeStatus.NEED_WRAP -> wrap(EMPTY)
                    HandshakeStatus.NEED_UNWRAP, HandshakeStatus.NEED_UNWRAP_AGAIN ->
                        if (!unwrapOnce()) throw EOFException("the connection closed during the TLS handshake")
                    HandshakeStatus.NEED_TASK -> runTasks()
                    else -> return
                }
            }
        } catch (e: SSLException) {
            sendAlert()
            throw e
        }
    }

    /** Starts the pumps in [scope]; returns the writer's job (done once close_notify is out). */
    fun start(scope: CoroutineScope): Job {
        scope.launch(CoroutineName("wamp-tls-reader")) { readPump() }
        return scope.launch(CoroutineName("wamp-tls-writer")) { writePump() }
    }

    private suspend fun readPump() {
        try {
            drainToApp()
            while (true) {
                val result = engine.unwrap(fromNet, toApp)
                when (result.status) {
                    Status.BUFFER_UNDERFLOW -> if (!readMore()) break
                    Status.BUFFER_OVERFLOW -> if (toApp.position() == 0) toApp = grow(toApp, engine.session.applicationBufferSize)
                    Status.CLOSED -> break
                    else -> Unit
                }
                drainToApp()
                when (engine.handshakeStatus) {
                    HandshakeStatus.NEED_TASK -> runTasks()
                    HandshakeStatus.NEED_WRAP -> wrap(EMPTY) // post-handshake messages, e.g. a TLS 1.3 key update
                    else -> Unit
                }
            }
            plainIn.flushAndClose()
        } catch (e: Exception) {
            plainIn.close(e)
        }
    }

    private suspend fun writePump() {
        val buffer = ByteBuffer.allocate(engine.session.applicationBufferSize)
        try {
            while (true) {
                buffer.clear()
                if (plainOut.readAvailable(buffer) < 0) break
                buffer.flip()
                wrap(buffer)
            }
        } catch (_: Exception) {
            // the peer or the connection is gone; close below
        } finally {
            withContext(NonCancellable) {
                try {
                    engine.closeOutbound()
                    wrap(EMPTY) // close_notify
                } catch (_: Exception) {
                    // best effort
                }
                runCatching { netOut.flushAndClose() }
            }
        }
    }

    private suspend fun drainToApp() {
        toApp.flip()
        if (toApp.hasRemaining()) {
            plainIn.writeFully(toApp)
            plainIn.flush()
        }
        toApp.clear()
    }

    /** One unwrap during the handshake; false at end of stream. */
    private suspend fun unwrapOnce(): Boolean {
        while (true) {
            val result = engine.unwrap(fromNet, toApp)
            when (result.status) {
                Status.OK -> return true
                Status.BUFFER_UNDERFLOW -> if (!readMore()) return false
                Status.BUFFER_OVERFLOW -> toApp = grow(toApp, toApp.capacity() + engine.session.applicationBufferSize)
                Status.CLOSED, null -> return false
            }
        }
    }

    /** Reads more network bytes into [fromNet]; false at end of stream. */
    private suspend fun readMore(): Boolean {
        fromNet.compact()
        if (!fromNet.hasRemaining()) fromNet = grow(fromNet, fromNet.capacity() + engine.session.packetBufferSize)
        val read = netIn.readAvailable(fromNet)
        fromNet.flip()
        return read >= 0
    }

    private suspend fun wrap(source: ByteBuffer) = wrapLock.withLock {
        while (true) {
            toNet.clear()
            val result = engine.wrap(source, toNet)
            if (result.status == Status.BUFFER_OVERFLOW) {
                toNet = ByteBuffer.allocate(toNet.capacity() + engine.session.packetBufferSize)
                continue
            }
            toNet.flip()
            if (toNet.hasRemaining()) netOut.writeFully(toNet)
            if (result.handshakeStatus == HandshakeStatus.NEED_TASK) runTasks()
            if (result.status != Status.OK || !source.hasRemaining()) break
        }
        netOut.flush()
    }

    private suspend fun sendAlert() {
        try {
            engine.closeOutbound()
            wrap(EMPTY)
        } catch (_: Exception) {
            // the alert is a courtesy
        }
    }

    private fun runTasks() {
        while (true) (engine.delegatedTask ?: return).run()
    }

    private companion object {
        val EMPTY: ByteBuffer = ByteBuffer.allocate(0)

        /** A buffer of [capacity] holding the bytes written into [old] (in write mode), still in write mode. */
        fun grow(old: ByteBuffer, capacity: Int): ByteBuffer {
            old.flip()
            return ByteBuffer.allocate(maxOf(capacity, old.remaining())).put(old)
        }
    }
}
