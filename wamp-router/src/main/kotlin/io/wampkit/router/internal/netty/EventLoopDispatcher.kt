package io.wampkit.router.internal.netty

import io.netty.channel.EventLoop
import kotlinx.coroutines.CoroutineDispatcher
import kotlin.coroutines.CoroutineContext

/**
 * Runs a connection's session coroutine on the Netty event loop that owns its channel. Already on that loop
 * (a frame just read), a resumption runs at once, inline: the frame is decoded, routed and its results queued
 * on the thread that read it, with no hand-off to another thread.
 */
internal class EventLoopDispatcher(private val loop: EventLoop) : CoroutineDispatcher() {
    override fun isDispatchNeeded(context: CoroutineContext): Boolean = !loop.inEventLoop()

    override fun dispatch(context: CoroutineContext, block: Runnable) {
        loop.execute(block)
    }

    override fun toString(): String = "EventLoopDispatcher($loop)"
}
