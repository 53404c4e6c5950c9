package io.wampkit.router.internal

import io.wampkit.transport.DEFAULT_TRANSPORT_QUEUE_CAPACITY

/**
 * The router's flow-control policy ([RouterSession.offer]). [queueCapacity] bounds the messages waiting for
 * one session's connection (the transport's buffer, and again the replies that found it full); EVENTs beyond
 * it are dropped and counted, and a session that keeps losing events for [slowConsumerTimeoutMillis]
 * (0: never) is disconnected.
 */
internal class FlowControl(
    val queueCapacity: Int = DEFAULT_QUEUE_CAPACITY,
    val slowConsumerTimeoutMillis: Long = DEFAULT_SLOW_CONSUMER_TIMEOUT_MILLIS,
) {
    init {
        require(queueCapacity > 0) { "queueCapacity must be positive, was $queueCapacity" }
        require(slowConsumerTimeoutMillis >= 0) { "slowConsumerTimeoutMillis must be >= 0, was $slowConsumerTimeoutMillis" }
    }

    companion object {
        const val DEFAULT_QUEUE_CAPACITY: Int = DEFAULT_TRANSPORT_QUEUE_CAPACITY
        const val DEFAULT_SLOW_CONSUMER_TIMEOUT_MILLIS: Long = 10_000L
    }
}
