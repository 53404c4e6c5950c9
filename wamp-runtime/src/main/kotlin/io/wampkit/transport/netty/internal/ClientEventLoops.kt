package io.wampkit.transport.netty.internal

import io.netty.channel.EventLoopGroup
import io.netty.channel.MultiThreadIoEventLoopGroup
import io.netty.channel.nio.NioIoHandler
import io.netty.util.concurrent.DefaultThreadFactory
import io.wampkit.transport.netty.defaultEventLoopThreads
import java.util.concurrent.TimeUnit

/**
 * The event loops of every client connection of this process ([defaultEventLoopThreads]), shared however many sessions and
 * components connect (threads do not grow with them), started with the first connection and stopped when the
 * last one closes, so that no thread outlives the connections that needed it.
 */
internal object ClientEventLoops {
    private var group: EventLoopGroup? = null
    private var users = 0

    @Synchronized
    fun acquire(): EventLoopGroup {
        users++
        return group ?: MultiThreadIoEventLoopGroup(defaultEventLoopThreads(), DefaultThreadFactory("wamp-client-netty", true), NioIoHandler.newFactory())
            .also { group = it }
    }

    @Synchronized
    fun release() {
        if (--users > 0) return
        group?.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        group = null
    }

    private const val SHUTDOWN_TIMEOUT_MILLIS = 1_000L
}
