package io.wampkit.session.internal

import io.wampkit.WampConnectionClosedException
import io.wampkit.session.WampEvent
import io.wampkit.session.WampSession
import io.wampkit.value.WampDict
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/**
 * A subscription as a cold flow: collecting subscribes, events are emitted in order, and the end of the
 * collection unsubscribes. While the collector is busy, up to [capacity] events wait here
 * and as many in the subscription itself; then the session stops reading (backpressure, nothing dropped).
 * When the session ends the flow fails with [WampConnectionClosedException].
 */
internal fun WampSession.eventFlow(topic: String, options: WampDict, capacity: Int = WampSession.EVENT_BUFFER): Flow<WampEvent> = flow {
    coroutineScope {
        val events = Channel<WampEvent>(capacity)
        val subscription = subscribe(topic, options) { events.send(it) }
        val watcher = launch(CoroutineName("wamp-events-$topic")) {
            val closed = awaitClosed()
            events.close(WampConnectionClosedException("session ended (${closed.reason}) while collecting $topic", closed.reason))
        }
        try {
            for (event in events) emit(event)
        } finally {
            watcher.cancel()
            events.cancel()
            withContext(NonCancellable) { subscription.unsubscribe() }
        }
    }
}
