package io.wampkit.transport.netty.internal

import io.netty.channel.EventLoop
import kotlinx.coroutines.CoroutineDispatcher
import kotlin.coroutines.CoroutineContext

/** See [io.wampkit.transport.netty.asInlineDispatcher]. */
internal class EventLoopDispatcher(private val loop: EventLoop) : CoroutineDispatcher() {
    override fun isDispatchNeeded(context: CoroutineContext): Boolean = !loop.inEventLoop()

    override fun dispatch(context: CoroutineContext, block: Runnable) {
        loop.execute(block)
    }

    override fun toString(): String = "EventLoopDispatcher($loop)"
}
