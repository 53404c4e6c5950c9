package io.wampkit.router.internal

import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.WampProtocolViolationException
import io.wampkit.message.Abort
import io.wampkit.message.Event
import io.wampkit.message.Goodbye
import io.wampkit.message.Hello
import io.wampkit.message.MessageCode
import io.wampkit.message.WampMessage
import io.wampkit.message.Welcome
import io.wampkit.transport.OutboundMessage
import io.wampkit.transport.SendResult
import io.wampkit.transport.WampTransport
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.cancelChildren
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import org.slf4j.LoggerFactory

/**
 * One client connection on the router side. Its coroutine reads, decodes and routes on the thread that read
 * the frame; what the router sends to this session is [offer]ed to the transport's bounded outgoing buffer
 * without suspending, under the policy of [FlowControl]. Fields below `features` belong to the realm's lock.
 */
internal class RouterSession(
    val id: Long,
    private val transport: WampTransport,
    private val router: DefaultRouter,
) {
    private val flow = router.config.flowControl
    private val outLock = Any()

    /** Messages that must not be dropped and found the transport's buffer full, in order (under [outLock]). */
    private val overflow = ArrayDeque<OutboundMessage>()
    private var draining = false
    private var overSince = 0L
    private var lastDrop = 0L
    private var disconnected = false
    private lateinit var scope: CoroutineScope
    private var invocationIds = 0L

    @Volatile
    private var shuttingDown = false

    /** The realm this session joined, set the moment it is attached, so that leaving always detaches it. */
    @Volatile
    private var joined: Realm? = null

    /** EVENTs dropped because this session's outgoing buffer was full. */
    @Volatile
    var droppedEvents: Long = 0L
        private set

    var features: PeerFeatures = PeerFeatures(callCanceling = false)
        private set

    /** Set by the handshake, before the session joins its realm. */
    @Volatile
    var identity: SessionIdentity = SessionIdentity.anonymous
        private set
    val registrations = HashMap<Long, Procedure>()
    val subscriptions = HashMap<Long, Topic>()
    val calls = HashMap<Long, PendingCall>()
    val invocations = HashMap<Long, PendingCall>()

    fun nextInvocationId(): Long = ++invocationIds

    /** Offers [message] to this session; see [offer]. */
    fun offer(message: WampMessage) = offer(OutboundMessage(message))

    /**
     * Queues [message] for this session without suspending, from any thread. When the transport's buffer is
     * full, an EVENT is dropped and counted, and a session that keeps dropping events for
     * [FlowControl.slowConsumerTimeoutMillis] is disconnected; any other message waits, in order, in an
     * overflow of at most [FlowControl.queueCapacity] messages, beyond which the session is disconnected.
     * Nothing but an EVENT is ever dropped while the session lives.
     */
    fun offer(message: OutboundMessage) {
        val isEvent = message.message is Event
        synchronized(outLock) {
            if (disconnected) return
            if (overflow.isEmpty()) {
                when (transport.trySend(message)) {
                    SendResult.QUEUED -> return
                    SendResult.CLOSED -> return
                    SendResult.FULL -> Unit
                }
            }
            if (isEvent) {
                dropEvent()
                return
            }
            overflow.addLast(message)
            if (overflow.size > flow.queueCapacity) {
                disconnect("its outgoing queue held more than ${flow.queueCapacity} undeliverable replies")
                return
            }
            if (!draining) {
                draining = true
                scope.launch(CoroutineName("wamp-router-overflow-$id")) { drainOverflow() }
            }
        }
    }

    /** Under [outLock]: an EVENT found the buffer full. */
    private fun dropEvent() {
        droppedEvents++
        val now = System.nanoTime()
        if (overSince == 0L || now - lastDrop > OVER_LIMIT_GAP_NANOS) {
            overSince = now
            log.info("session {}: outgoing buffer full, dropping events ({} so far)", id, droppedEvents)
        }
        lastDrop = now
        val timeout = flow.slowConsumerTimeoutMillis
        if (timeout > 0 && now - overSince >= timeout * 1_000_000) {
            disconnect("it read slower than events arrived for ${timeout} ms; $droppedEvents events were dropped")
        }
    }

    /** Sends the overflow in order, suspending while the transport is full. */
    private suspend fun drainOverflow() {
        try {
            while (true) {
                val next = synchronized(outLock) {
                    if (disconnected) return
                    overflow.firstOrNull() ?: run { draining = false; return }
                }
                transport.send(next.message)
                synchronized(outLock) { if (!disconnected) overflow.removeFirst() }
            }
        } catch (e: WampConnectionClosedException) {
            log.debug("session {}: cannot write: {}", id, e.message)
        }
    }

    /** Under [outLock]: ends a session that does not keep up, with ABORT [WampErrors.SLOW_CONSUMER] if it can still take one. */
    private fun disconnect(why: String) {
        disconnected = true
        overflow.clear()
        log.info("session {}: disconnected ({}): {}", id, WampErrors.SLOW_CONSUMER, why)
        scope.launch(CoroutineName("wamp-router-disconnect-$id")) {
            withContext(NonCancellable) {
                withTimeoutOrNull(ABORT_WAIT_MILLIS) { transport.send(Abort(wampDictOf("message" to "disconnected: $why"), WampErrors.SLOW_CONSUMER)) }
                transport.close()
            }
        }
    }

    /** Sends during the handshake, before the session joins (then nothing else writes to it). */
    private suspend fun sendNow(message: WampMessage) {
        try {
            transport.send(message)
        } catch (e: WampConnectionClosedException) {
            log.debug("session {}: dropped {} after close", id, MessageCode.name(message.code))
        }
    }

    /** Asks the client to leave: GOODBYE [reason]; its GOODBYE reply (or the grace period) ends the session. */
    fun shutdown(reason: String) {
        offer(goodbyeFromRouter(WampDict.EMPTY, reason))
    }

    /**
     * The GOODBYE that asks this client to leave, for the caller to send (e.g. after the realm's lock is
     * released); from now on the client's GOODBYE is its answer, not a request to be answered.
     */
    fun goodbyeFromRouter(details: WampDict, reason: String): Goodbye {
        shuttingDown = true
        return Goodbye(details, reason)
    }

    suspend fun run() = coroutineScope {
        scope = this
        try {
            val realm = handshake() ?: return@coroutineScope
            readLoop(realm)
        } catch (e: WampProtocolViolationException) {
            log.info("session {}: protocol violation: {}", id, e.message)
            abort(WampErrors.PROTOCOL_VIOLATION, e.message)
        } catch (e: WampConnectionClosedException) {
            log.debug("session {}: connection closed: {}", id, e.message)
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            log.error("session {}: router failure, aborting the session", id, e)
            abort(WampErrors.RUNTIME_ERROR, "router failure: ${e::class.simpleName}")
        } finally {
            withContext(NonCancellable) {
                val realm = joined
                realm?.detach(this@RouterSession)
                coroutineContext.cancelChildren()
                transport.close()
                if (realm != null) log.debug("session {} left realm '{}'", id, realm.name)
            }
        }
    }

    private suspend fun abort(reason: String, message: String?) {
        val abort = Abort(wampDictOf("message" to message), reason)
        if (joined == null) sendNow(abort) else offer(abort)
    }

    /** HELLO → WELCOME (returns the realm) or ABORT (returns null). */
    private suspend fun handshake(): Realm? {
        val first = withTimeoutOrNull(router.config.helloTimeoutMillis) { transport.receive() }
            ?: throw WampConnectionClosedException("no HELLO within ${router.config.helloTimeoutMillis} ms")
        val hello = first as? Hello
            ?: throw WampProtocolViolationException("expected HELLO, got ${MessageCode.name(first.code)}")
        features = PeerFeatures.fromHello(hello.details)
            ?: throw WampProtocolViolationException("HELLO announces no client role")
        val realm = router.realm(hello.realm)
        if (realm == null) {
            sendNow(Abort(wampDictOf("message" to "no realm '${hello.realm}' on this router"), WampErrors.NO_SUCH_REALM))
            return null
        }
        identity = RouterAuthentication(id, transport, ::sendNow, router.config.helloTimeoutMillis)
            .authenticate(hello, router.config.security(realm.name)) ?: return null
        // attached before WELCOME goes out, so that the client's first request finds it in the realm; nothing
        // from here on suspends, so a session cancelled now is still detached when it ends
        joined = realm
        realm.attach(this)
        offer(Welcome(id, welcomeDetails(identity)))
        log.debug("session {} joined realm '{}' over {}", id, realm.name, transport.description)
        return realm
    }

    private fun welcomeDetails(identity: SessionIdentity): WampDict {
        val details = RouterRoles.welcomeDetails(identity)
        return if (identity.authExtra.isEmpty()) details else WampDict(details + ("authextra" to identity.authExtra))
    }

    private suspend fun readLoop(realm: Realm) {
        while (true) {
            when (val message = transport.receive()) {
                is Goodbye -> {
                    if (!shuttingDown) offer(Goodbye(WampDict.EMPTY, WampErrors.GOODBYE_AND_OUT))
                    return
                }
                is Abort -> return
                is Hello -> throw WampProtocolViolationException("HELLO received on a session that is already open")
                else -> realm.route(this, message)
            }
        }
    }

    private companion object {
        val log = LoggerFactory.getLogger(RouterSession::class.java)

        /** A session that went this long without losing an event has caught up: its over-limit time restarts. */
        const val OVER_LIMIT_GAP_NANOS = 1_000_000_000L
        const val ABORT_WAIT_MILLIS = 1_000L
    }
}
