package io.wampkit.router.rawsocket

import io.ktor.network.selector.SelectorManager
import io.ktor.network.sockets.Socket
import io.ktor.network.sockets.aSocket
import io.ktor.network.sockets.openReadChannel
import io.ktor.network.sockets.openWriteChannel
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.ByteWriteChannel
import io.ktor.utils.io.readAvailable
import io.ktor.utils.io.readFully
import io.ktor.utils.io.writeFully
import kotlinx.coroutines.Dispatchers

/** A TCP client that speaks bytes, for checking what the RawSocket listener puts on the wire. */
class RawBytesClient private constructor(private val socket: Socket, private val selector: SelectorManager?) {
    private val input: ByteReadChannel = socket.openReadChannel()
    private val output: ByteWriteChannel = socket.openWriteChannel(autoFlush = false)

    suspend fun send(vararg values: Int) = send(ByteArray(values.size) { values[it].toByte() })

    suspend fun send(bytes: ByteArray) {
        output.writeFully(bytes)
        output.flush()
    }

    suspend fun read(count: Int): ByteArray = ByteArray(count).also { input.readFully(it) }

    /** Reads until the router closes the connection; what arrived before. */
    suspend fun readToEnd(): ByteArray {
        val all = java.io.ByteArrayOutputStream()
        val buffer = ByteArray(4096)
        while (true) {
            val n = try { input.readAvailable(buffer) } catch (_: Exception) { -1 }
            if (n < 0) return all.toByteArray()
            all.write(buffer, 0, n)
        }
    }

    fun close() {
        socket.close()
        selector?.close()
    }

    companion object {
        /** Connects with [shared] as selector (kept open) or a selector of its own (closed with it). */
        suspend fun connect(port: Int, shared: SelectorManager? = null): RawBytesClient {
            val selector = shared ?: SelectorManager(Dispatchers.IO)
            return RawBytesClient(aSocket(selector).tcp().connect("127.0.0.1", port), if (shared == null) selector else null)
        }

        fun bytes(vararg values: Int) = ByteArray(values.size) { values[it].toByte() }
    }
}
