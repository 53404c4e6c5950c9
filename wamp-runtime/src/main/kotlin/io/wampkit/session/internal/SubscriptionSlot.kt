package io.wampkit.session.internal

import io.wampkit.message.Event
import io.wampkit.session.EventHandler
import io.wampkit.session.WampEvent
import io.wampkit.session.WampSession
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.ClosedSendChannelException
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.launch
import org.slf4j.LoggerFactory
import java.util.concurrent.CopyOnWriteArrayList

/**
 * One router subscription of this session: its local handlers, a bounded buffer of events and the
 * coroutine that delivers them in order.
 */
internal class SubscriptionSlot(val id: Long, val topic: String, scope: CoroutineScope, capacity: Int = WampSession.EVENT_BUFFER) {
    val handlers = CopyOnWriteArrayList<EventHandler>()
    private val buffer = Channel<Event>(capacity)
    private val consumer = scope.launch(CoroutineName("wamp-subscription-$id")) {
        for (event in buffer) deliver(event)
    }

    /** Suspends while the buffer is full: the reader stops until the handlers catch up. A closed slot drops it. */
    suspend fun offer(event: Event) {
        try {
            buffer.send(event)
        } catch (_: ClosedSendChannelException) {
            // unsubscribed meanwhile: the event has nobody left to go to
        } catch (e: CancellationException) {
            currentCoroutineContext().ensureActive() // the reader itself is cancelled: propagate
            // the slot was closed while the reader waited for room: drop the event and read on
        }
    }

    /**
     * No more events: what is buffered is dropped and a reader waiting in [offer] is released. A handler
     * that is running (perhaps the one that unsubscribed) finishes undisturbed.
     */
    fun close() {
        buffer.cancel()
    }

    private suspend fun deliver(event: Event) {
        val actual = event.details.string("topic") ?: topic
        val data = WampEvent(actual, event.args, event.kwargs, event.details, id, event.publication, topic)
        for (handler in handlers) {
            try {
                handler.onEvent(data)
            } catch (e: CancellationException) {
                currentCoroutineContext().ensureActive() // the session is ending: stop
                log.warn("event handler for topic {} was cancelled by itself; it keeps receiving events", topic, e)
            } catch (e: Throwable) {
                log.warn("event handler for topic {} failed; it keeps receiving events", topic, e)
            }
        }
    }

    private companion object {
        val log = LoggerFactory.getLogger(SubscriptionSlot::class.java)
    }
}
