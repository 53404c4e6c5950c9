package io.wampkit.session.internal

import io.wampkit.WampConnectionClosedException
import io.wampkit.message.Call
import io.wampkit.message.Goodbye
import io.wampkit.message.MessageCode
import io.wampkit.message.Publish
import io.wampkit.message.Published
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.message.Result
import io.wampkit.message.Subscribe
import io.wampkit.message.Subscribed
import io.wampkit.message.Unregister
import io.wampkit.message.Unsubscribe
import io.wampkit.message.WampMessage
import io.wampkit.message.WampUris
import io.wampkit.session.CallResult
import io.wampkit.session.CancelMode
import io.wampkit.session.EventHandler
import io.wampkit.session.WampEvent
import io.wampkit.session.InvocationHandler
import io.wampkit.session.MatchPolicy
import io.wampkit.session.Registration
import io.wampkit.session.Subscription
import io.wampkit.session.SessionCloseDetails
import io.wampkit.session.SessionLimits
import io.wampkit.session.WampSession
import io.wampkit.transport.WampTransport
import io.wampkit.value.WampBool
import io.wampkit.value.WampDict
import io.wampkit.value.WampList
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineExceptionHandler
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.launch
import io.wampkit.transport.netty.internal.NettyWebSocketTransport
import kotlin.coroutines.EmptyCoroutineContext
import kotlinx.coroutines.withContext
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.withTimeoutOrNull
import org.slf4j.LoggerFactory
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.CoroutineContext

/**
 * The client side of one joined session: one reader coroutine routes every incoming message, requests wait
 * on [PendingRequests], invocations run in [Invocations], events go through one [SubscriptionSlot] each.
 */
internal class ClientSession(
    internal val transport: WampTransport,
    override val sessionId: Long,
    override val realm: String,
    override val welcomeDetails: WampDict,
    parent: CoroutineContext,
) : WampSession {
    private val job = SupervisorJob(parent[Job])
    override val coroutineContext: CoroutineContext = parent.minusKey(Job) +
        (parent[ContinuationInterceptor] ?: Dispatchers.Default) + job +
        CoroutineName("wamp-session-$sessionId") +
        CoroutineExceptionHandler { _, e -> log.error("uncaught failure in session {}", sessionId, e) }

    private val dealer = DealerFeatures(welcomeDetails)
    private val requests = PendingRequests()
    private val requester = Requester(sessionId, transport, requests, dealer.has("call_canceling"))
    private val procedures = ConcurrentHashMap<Long, ProcedureEntry>()
    private val slots = ConcurrentHashMap<Long, SubscriptionSlot>()
    private val limits = parent[SessionLimits] ?: SessionLimits.DEFAULT
    private val invocations = Invocations(this, transport, procedures, limits.maxConcurrentInvocations)
    internal val inbound = Inbound(sessionId, requests, invocations, slots)
    internal val leaving = AtomicBoolean(false)
    internal val goodbyeReceived = CompletableDeferred<Unit>()
    internal val goodbyeAnswered = AtomicBoolean(false)

    override val isActive: Boolean get() = !requester.isClosed

    private val brokerFeatures = BrokerFeatures(welcomeDetails)

    fun start() {
        // over Netty the reader runs on the connection's event loop: a frame is handled where it was read
        val readerDispatcher = (transport as? NettyWebSocketTransport)?.readerDispatcher ?: EmptyCoroutineContext
        launch(readerDispatcher + CoroutineName("wamp-reader-$sessionId")) { readLoop() }
    }

    override suspend fun call(
        procedure: String, args: WampList, kwargs: WampDict, options: WampDict, cancelMode: CancelMode,
    ): CallResult {
        require(WampUris.isValidUri(procedure)) { "'$procedure' is not a valid procedure URI" }
        dealer.checkCall(procedure, options)
        val reply = requester.request(MessageCode.CALL, cancelMode = cancelMode) { Call(it, options, procedure, args, kwargs) } as Result
        return CallResult(reply.args, reply.kwargs, reply.details)
    }

    override fun callProgressive(
        procedure: String, args: WampList, kwargs: WampDict, options: WampDict, cancelMode: CancelMode,
    ): Flow<CallResult> {
        require(WampUris.isValidUri(procedure)) { "'$procedure' is not a valid procedure URI" }
        dealer.checkCall(procedure, options)
        val withProgress = WampDict(options + ("receive_progress" to WampBool(true)))
        return ProgressiveCall(this, requests, cancelMode) { Call(it, withProgress, procedure, args, kwargs) }.flow()
    }

    override suspend fun register(procedure: String, options: WampDict, handler: InvocationHandler): Registration {
        require(isValidForMatch(procedure, options)) { "'$procedure' is not a valid procedure URI${matchSuffix(options)}" }
        dealer.checkRegister(procedure, options)
        val reply = requester.request(MessageCode.REGISTER, onReply = { reply ->
            if (reply is Registered) procedures[reply.registration] = ProcedureEntry(procedure, handler)
        }) { Register(it, options, procedure) } as Registered
        val id = reply.registration
        return ClientRegistration(id, procedure, { procedures.containsKey(id) }) { unregister(id) }
    }

    override suspend fun subscribe(topic: String, options: WampDict, handler: EventHandler): Subscription {
        brokerFeatures.checkSubscribe(options)
        require(isValidForMatch(topic, options)) { "'$topic' is not a valid topic URI${matchSuffix(options)}" }
        val reply = requester.request(MessageCode.SUBSCRIBE, onReply = { reply ->
            if (reply is Subscribed) {
                slots.computeIfAbsent(reply.subscription) { SubscriptionSlot(it, topic, this, limits.eventBuffer) }.handlers += handler
            }
        }) { Subscribe(it, options, topic) } as Subscribed
        return ClientSubscription(reply.subscription, topic) { unsubscribe(reply.subscription, handler) }
    }

    override fun events(topic: String, options: WampDict): Flow<WampEvent> = eventFlow(topic, options, limits.eventBuffer)

    override suspend fun publish(
        topic: String, args: WampList, kwargs: WampDict, acknowledge: Boolean, excludeMe: Boolean, options: WampDict,
    ): Long? {
        require(WampUris.isValidUri(topic)) { "'$topic' is not a valid topic URI" }
        var opts = options
        if (acknowledge) opts = WampDict(opts + ("acknowledge" to WampBool(true)))
        if (!excludeMe) opts = WampDict(opts + ("exclude_me" to WampBool(false)))
        brokerFeatures.checkPublish(opts)
        if (!acknowledge) {
            requester.checkOpen()
            send(Publish(requests.nextId(), opts, topic, args, kwargs))
            return null
        }
        return (requester.request(MessageCode.PUBLISH) { Publish(it, opts, topic, args, kwargs) } as Published).publication
    }

    override suspend fun leave(reason: String, message: String?) {
        if (requester.isClosed) return
        if (!leaving.compareAndSet(false, true)) {
            requester.closeDetails.await()
            return
        }
        try {
            transport.send(Goodbye(if (message == null) WampDict.EMPTY else wampDictOf("message" to message), reason))
            withTimeoutOrNull(GOODBYE_TIMEOUT_MILLIS) { goodbyeReceived.await() }
        } catch (_: WampConnectionClosedException) {
            // already gone: nothing to say goodbye to
        } finally {
            // also when the caller of leave() is cancelled while waiting: the session must end
            withContext(NonCancellable) {
                shutdown(SessionCloseDetails(reason, message, byPeer = false, isGraceful = goodbyeAnswered.get()))
            }
        }
    }

    override suspend fun awaitClosed(): SessionCloseDetails = requester.closeDetails.await()

    // ---- requests (see Requester) ----

    internal suspend fun send(message: WampMessage) = requester.send(message)

    internal suspend fun cancelOnWire(id: Long, mode: CancelMode) = requester.cancelOnWire(id, mode)

    internal fun ensureOpen() = requester.checkOpen()

    /** Ends the session once: fails what waits, closes the transport, cancels every coroutine of the session. */
    internal suspend fun shutdown(details: SessionCloseDetails) {
        if (!requester.markClosed()) return
        log.debug("session {} ended: {}", sessionId, details.reason)
        requester.closeDetails.complete(details)
        val suffix = details.message?.let { ": $it" } ?: ""
        requests.failAll(
            WampConnectionClosedException("session $sessionId ended (${details.reason}$suffix)", details.reason, details.cause),
        )
        slots.values.forEach { it.close() }
        slots.clear()
        procedures.clear()
        withContext(NonCancellable) { transport.close() }
        job.cancel()
    }

    private suspend fun unregister(id: Long) {
        if (requester.isClosed) return
        procedures.remove(id) ?: return // revoked by the router (force_reregister): nothing left to undo
        requester.request(MessageCode.UNREGISTER) { Unregister(it, id) }
    }

    private suspend fun unsubscribe(id: Long, handler: EventHandler) {
        if (requester.isClosed) return
        val slot = slots[id] ?: return
        slot.handlers.remove(handler)
        if (slot.handlers.isEmpty() && slots.remove(id, slot)) {
            slot.close()
            requester.request(MessageCode.UNSUBSCRIBE) { Unsubscribe(it, id) }
        }
    }

    private companion object {
        val log = LoggerFactory.getLogger(ClientSession::class.java)
        const val GOODBYE_TIMEOUT_MILLIS = 5_000L

        /**
         * True when [uri] follows the rule of the `match` policy in [options] (REGISTER and SUBSCRIBE name
         * them alike); absent or unknown (which the router refuses) is the exact rule.
         */
        fun isValidForMatch(uri: String, options: WampDict): Boolean = when (options.string("match")) {
            MatchPolicy.PREFIX.wire -> WampUris.isValidPrefixPattern(uri)
            MatchPolicy.WILDCARD.wire -> WampUris.isValidWildcardPattern(uri)
            else -> WampUris.isValidUri(uri)
        }

        fun matchSuffix(options: WampDict): String = options.string("match")?.let { " for match '$it'" } ?: ""
    }
}
