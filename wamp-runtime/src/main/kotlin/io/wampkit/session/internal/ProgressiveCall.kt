package io.wampkit.session.internal

import io.wampkit.WampException
import io.wampkit.message.Error
import io.wampkit.message.MessageCode
import io.wampkit.message.Result
import io.wampkit.message.WampMessage
import io.wampkit.session.CallResult
import io.wampkit.session.CancelMode
import io.wampkit.session.WampSession
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.selects.select

/**
 * One call with `receive_progress`: the reader hands progressive RESULTs to a bounded channel and the final
 * RESULT or ERROR to the pending request; the flow emits them in the order they arrived.
 */
internal class ProgressiveCall(
    private val session: ClientSession,
    private val requests: PendingRequests,
    private val cancelMode: CancelMode,
    private val build: (Long) -> WampMessage,
) {
    fun flow(): Flow<CallResult> = flow {
        session.ensureOpen()
        val progress = Channel<Result>(WampSession.PROGRESS_BUFFER)
        val (id, pending) = requests.open(MessageCode.CALL, progress = progress)
        var answered = false
        try {
            // the session may have closed between the first check and open(): its failAll() missed this request
            session.ensureOpen()
            session.send(build(id))
            while (!answered) {
                // progress first: every progressive RESULT is queued before the final answer completes
                val next = select<Result?> {
                    progress.onReceive { it }
                    pending.reply.onAwait { null }
                }
                if (next != null) emit(next.toCallResult()) else answered = true
            }
            while (true) emit(progress.tryReceive().getOrNull()?.toCallResult() ?: break)
            when (val reply = pending.reply.await()) {
                is Error -> throw WampException(reply.error, reply.args, reply.kwargs)
                is Result -> emit(reply.toCallResult())
                else -> error("unexpected reply ${MessageCode.name(reply.code)}")
            }
        } finally {
            progress.close()
            requests.forget(id)
            if (!answered) session.cancelOnWire(id, cancelMode)
        }
    }

    private fun Result.toCallResult() = CallResult(args, kwargs, details)
}
