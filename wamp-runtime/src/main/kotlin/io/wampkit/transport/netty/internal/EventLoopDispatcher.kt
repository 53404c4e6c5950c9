package io.wampkit.transport.netty.internal

import io.netty.channel.EventLoop
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import java.util.concurrent.RejectedExecutionException
import kotlin.coroutines.CoroutineContext

/** See [io.wampkit.transport.netty.asInlineDispatcher]. */
internal class EventLoopDispatcher(private val loop: EventLoop) : CoroutineDispatcher() {
    override fun isDispatchNeeded(context: CoroutineContext): Boolean = !loop.inEventLoop()

    override fun dispatch(context: CoroutineContext, block: Runnable) {
        // a loop that is shutting down (its last connection closed) may refuse the task: then it runs on
        // Dispatchers.IO, as kotlinx.coroutines does for a closed executor, so that no coroutine is lost
        if (loop.isShuttingDown) return Dispatchers.IO.dispatch(context, block)
        try {
            loop.execute(block)
        } catch (_: RejectedExecutionException) {
            Dispatchers.IO.dispatch(context, block)
        }
    }

    override fun toString(): String = "EventLoopDispatcher($loop)"
}
