package io.wampkit.router.internal

import io.wampkit.WampProtocolViolationException
import io.wampkit.message.Call
import io.wampkit.message.Cancel
import io.wampkit.message.Error
import io.wampkit.message.MessageCode
import io.wampkit.message.Publish
import io.wampkit.message.Register
import io.wampkit.message.Subscribe
import io.wampkit.message.Unregister
import io.wampkit.message.Unsubscribe
import io.wampkit.message.WampMessage
import io.wampkit.message.Yield
import io.wampkit.router.auth.WampAuthorizer
import io.wampkit.transport.OutboundMessage
import io.wampkit.value.WampDict
import io.wampkit.value.WampList
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch

/**
 * One realm: its sessions, dealer and broker. Routing decisions are taken under one lock, which is never
 * held across a suspension; the resulting messages are then offered to the target sessions' bounded
 * outgoing buffers without suspending ([RouterSession.offer]): routing never waits for another session, and a
 * slow receiver loses events (and eventually its connection) instead of slowing its senders or growing memory.
 */
internal class Realm(
    val name: String,
    ids: RouterIds,
    private val scope: CoroutineScope,
    maxRetainedTopics: Int = Broker.DEFAULT_MAX_RETAINED_TOPICS,
    private val authorizer: WampAuthorizer? = null,
) {
    private val lock = Any()
    private val sessions = HashMap<Long, RouterSession>()
    private val dealer = Dealer(ids, ::startCallTimer) { topic, args, cause -> broker.metaEvent(topic, args, exclude = cause) }
    private val broker = Broker(ids, maxRetainedTopics)

    /** Router-answered procedures: the session, registration and subscription meta APIs. */
    private val meta = MetaProcedures().apply {
        addSessionMeta(sessions)
        addSessionKill(sessions)
        addRegistrationMeta(dealer.registrations)
        addSubscriptionMeta(broker.meta)
    }

    val sessionCount: Int get() = synchronized(lock) { sessions.size }

    /** Adds [session] to the realm and publishes `wamp.session.on_join`. */
    fun attach(session: RouterSession) {
        deliverAll(
            synchronized(lock) {
                sessions[session.id] = session
                broker.sessionJoined(session)
            },
        )
    }

    fun detach(session: RouterSession) {
        deliverAll(
            synchronized(lock) {
                if (sessions.remove(session.id) == null) return
                dealer.detach(session) + broker.detach(session)
            },
        )
    }

    /** Routes one message of a joined [session]; throws [WampProtocolViolationException] when it breaks the protocol. */
    suspend fun route(session: RouterSession, message: WampMessage) {
        if (authorizer != null && !authorizer.admits(session, message)) return
        when (message) {
            is Publish -> {
                val publication = synchronized(lock) { broker.publish(session, message) }
                for (batch in publication.batches) {
                    val event = OutboundMessage(batch.event) // encoded once per serializer for all its targets
                    for (target in batch.targets) target.offer(event)
                }
                publication.ack?.let { session.offer(it.message) }
            }
            is Call -> deliverAll(synchronized(lock) { meta.call(session, message) ?: listOf(dealer.call(session, message)) })
            is Yield -> synchronized(lock) { dealer.yield(session, message) }?.let { deliver(it) }
            is Error -> {
                if (message.requestType != MessageCode.INVOCATION) {
                    throw WampProtocolViolationException("a client may send ERROR only for an INVOCATION")
                }
                synchronized(lock) { dealer.error(session, message) }?.let { deliver(it) }
            }
            is Subscribe -> deliverAll(synchronized(lock) { broker.subscribe(session, message) })
            is Unsubscribe -> deliverAll(synchronized(lock) { broker.unsubscribe(session, message) })
            is Register -> deliverAll(synchronized(lock) { dealer.register(session, message) })
            is Unregister -> deliverAll(synchronized(lock) { dealer.unregister(session, message) })
            is Cancel -> deliverAll(synchronized(lock) { dealer.cancel(session, message) })
            else -> throw WampProtocolViolationException("${MessageCode.name(message.code)} is not a message a router accepts")
        }
    }

    /** Runs [query] on the broker's read-only meta queries under the realm's lock. */
    fun <T> subscriptionMeta(query: BrokerMeta.() -> T): T = synchronized(lock) { broker.meta.query() }

    /** Publishes a router meta event ([Broker.metaEvent]) to this realm's subscribers of [topic]. */
    fun publishMeta(topic: String, args: WampList, kwargs: WampDict = WampDict.EMPTY, exclude: RouterSession? = null) {
        deliverAll(synchronized(lock) { broker.metaEvent(topic, args, kwargs, exclude) })
    }

    /** Number of topics holding a retained event. */
    val retainedTopicCount: Int get() = synchronized(lock) { broker.retainedTopicCount }

    fun snapshot(): List<RouterSession> = synchronized(lock) { sessions.values.toList() }

    private fun deliver(delivery: Delivery) = delivery.to.offer(delivery.message)

    /** Offers each delivery; consecutive deliveries of the same message (a meta event's fan-out) share its encoding. */
    private fun deliverAll(deliveries: List<Delivery>) {
        var shared: OutboundMessage? = null
        for (d in deliveries) {
            val out = shared?.takeIf { it.message === d.message } ?: OutboundMessage(d.message)
            shared = out
            d.to.offer(out)
        }
    }

    /** A call timeout: a coroutine of the router's scope (no thread), cancelled by the dealer when the call ends. */
    private fun startCallTimer(pending: PendingCall, millis: Long): Job =
        scope.launch(CoroutineName("wamp-call-timeout-${pending.callRequest}")) {
            delay(millis)
            deliverAll(synchronized(lock) { dealer.timeout(pending) })
        }
}
