package io.wampkit.router.internal

import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.WampProtocolViolationException
import io.wampkit.message.Abort
import io.wampkit.message.Goodbye
import io.wampkit.message.Hello
import io.wampkit.message.MessageCode
import io.wampkit.message.WampMessage
import io.wampkit.message.Welcome
import io.wampkit.transport.WampTransport
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.ClosedSendChannelException
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import org.slf4j.LoggerFactory

/**
 * One client connection on the router side: this coroutine reads and routes; a writer coroutine drains
 * the bounded outgoing queue into the transport. Fields below `features` belong to the realm's lock.
 */
internal class RouterSession(
    val id: Long,
    private val transport: WampTransport,
    private val router: DefaultRouter,
) {
    private val outgoing = Channel<WampMessage>(router.config.outgoingBuffer)
    private var invocationIds = 0L

    @Volatile
    private var shuttingDown = false

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

    /** Queues [message]; suspends while the queue is full. A closed session drops it. */
    suspend fun send(message: WampMessage) {
        try {
            outgoing.send(message)
        } catch (_: ClosedSendChannelException) {
            log.debug("session {}: dropped {} after close", id, MessageCode.name(message.code))
        }
    }

    /** Asks the client to leave: GOODBYE [reason]; its GOODBYE reply (or the grace period) ends the session. */
    suspend fun shutdown(reason: String) {
        send(goodbyeFromRouter(WampDict.EMPTY, reason))
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
        val writer = launch(CoroutineName("wamp-router-writer-$id")) { drain() }
        var realm: Realm? = null
        try {
            realm = handshake() ?: return@coroutineScope
            readLoop(realm)
        } catch (e: WampProtocolViolationException) {
            log.info("session {}: protocol violation: {}", id, e.message)
            send(Abort(wampDictOf("message" to e.message), WampErrors.PROTOCOL_VIOLATION))
        } catch (e: WampConnectionClosedException) {
            log.debug("session {}: connection closed: {}", id, e.message)
        } finally {
            withContext(NonCancellable) {
                realm?.let { withTimeoutOrNull(FLUSH_MILLIS) { it.detach(this@RouterSession) } }
                outgoing.close()
                withTimeoutOrNull(FLUSH_MILLIS) { writer.join() }
                writer.cancel()
                transport.close()
                if (realm != null) log.debug("session {} left realm '{}'", id, realm.name)
            }
        }
    }

    private suspend fun drain() {
        try {
            for (message in outgoing) transport.send(message)
        } catch (e: WampConnectionClosedException) {
            log.debug("session {}: cannot write: {}", id, e.message)
            outgoing.close()
            transport.close()
        }
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
            send(Abort(wampDictOf("message" to "no realm '${hello.realm}' on this router"), WampErrors.NO_SUCH_REALM))
            return null
        }
        identity = RouterAuthentication(id, transport, ::send, router.config.helloTimeoutMillis)
            .authenticate(hello, router.config.security(realm.name)) ?: return null
        realm.attach(this)
        send(Welcome(id, welcomeDetails(identity)))
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
                    if (!shuttingDown) send(Goodbye(WampDict.EMPTY, WampErrors.GOODBYE_AND_OUT))
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
        const val FLUSH_MILLIS = 2_000L
    }
}
