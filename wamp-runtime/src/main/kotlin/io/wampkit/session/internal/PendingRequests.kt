package io.wampkit.session.internal

import io.wampkit.WampProtocolViolationException
import io.wampkit.message.MessageCode
import io.wampkit.message.WampMessage
import io.wampkit.message.Result
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.channels.ClosedSendChannelException
import kotlinx.coroutines.channels.SendChannel
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicLong

/**
 * Requests this session sent and still waits for, by request id. [Pending.onReply] runs on the reader
 * before the waiting coroutine resumes, so state that the next message depends on (a new registration's
 * handler) is in place in time.
 */
internal class PendingRequests {
    class Pending(val type: Int, val onReply: ((WampMessage) -> Unit)?, val progress: SendChannel<Result>?) {
        val reply = CompletableDeferred<WampMessage>()
    }

    private val lastId = AtomicLong(0)
    private val pending = ConcurrentHashMap<Long, Pending>()

    /** A fresh request id for a message that expects no answer. */
    fun nextId(): Long = lastId.incrementAndGet()

    fun open(
        type: Int,
        onReply: ((WampMessage) -> Unit)? = null,
        progress: SendChannel<Result>? = null,
    ): Pair<Long, Pending> {
        val id = lastId.incrementAndGet()
        val p = Pending(type, onReply, progress)
        pending[id] = p
        return id to p
    }

    fun forget(id: Long) {
        pending.remove(id)
    }

    /**
     * Hands [reply] to the request [id] of [type]. A reply to a request that was given up is dropped;
     * one to a request never sent, or of the wrong kind, is a protocol violation.
     */
    fun complete(id: Long, type: Int, reply: WampMessage) {
        val p = pending[id]
        if (p == null) {
            if (id > lastId.get()) {
                throw WampProtocolViolationException(
                    "${MessageCode.name(reply.code)} for request $id, which this session never sent",
                )
            }
            return
        }
        if (p.type != type) {
            // left pending: the session ends on this violation and fails every pending request with it
            throw WampProtocolViolationException(
                "${MessageCode.name(reply.code)} answers request $id, which was a ${MessageCode.name(p.type)}",
            )
        }
        if (!pending.remove(id, p)) return
        p.onReply?.invoke(reply)
        p.reply.complete(reply)
    }

    /**
     * Hands a progressive RESULT to its call; suspends while that call's buffer is full. Progress for a call
     * that did not ask for it, or that was given up, is dropped.
     */
    suspend fun progress(result: Result) {
        val channel = pending[result.request]?.progress ?: return
        try {
            channel.send(result)
        } catch (_: ClosedSendChannelException) {
            // the collector is gone
        }
    }

    fun failAll(cause: Throwable) {
        val all = pending.values.toList()
        pending.clear()
        all.forEach { it.reply.completeExceptionally(cause) }
    }
}
