package io.wampkit.java.internal

import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.java.CallReply
import io.wampkit.java.IncomingCall
import io.wampkit.java.IncomingEvent
import io.wampkit.java.Payload
import io.wampkit.java.RegistrationHandle
import io.wampkit.java.SubscriptionHandle
import io.wampkit.java.WampClient
import io.wampkit.session.CallResult
import io.wampkit.session.EventHandler
import io.wampkit.session.InvocationHandler
import io.wampkit.session.SessionCloseDetails
import io.wampkit.session.WampSession
import io.wampkit.session.join
import io.wampkit.transport.WampConnector
import io.wampkit.value.WampBool
import io.wampkit.value.WampDict
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.future.await
import kotlinx.coroutines.future.future
import kotlinx.coroutines.runInterruptible
import org.slf4j.LoggerFactory
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import java.util.concurrent.atomic.AtomicReference
import java.util.function.Consumer
import java.util.function.Function
import kotlin.coroutines.EmptyCoroutineContext

/**
 * [WampClient] on a [WampSession]. Requests run as coroutines of the client's own supervisor scope (on the
 * session's dispatcher), not of the session's: when the session ends they fail with
 * [WampConnectionClosedException] rather than being cancelled, and [leave] is not cancelled by the very
 * shutdown it causes. The scope holds no thread; everything in it ends with the session.
 */
internal class DefaultWampClient(override val session: WampSession) : WampClient {
    private val scope = CoroutineScope(
        session.coroutineContext.minusKey(Job) + SupervisorJob() + CoroutineName("wamp-java-${session.sessionId}"),
    )
    private val closed: CompletableFuture<SessionCloseDetails> = scope.future { session.awaitClosed() }
    private val leaving = AtomicReference<CompletableFuture<SessionCloseDetails>?>(null)

    override val sessionId: Long get() = session.sessionId
    override val realm: String get() = session.realm
    override val isActive: Boolean get() = session.isActive

    override fun call(procedure: String): CompletableFuture<CallReply> = call(procedure, Payload.empty(), emptyMap<String, Any?>())

    override fun call(procedure: String, args: List<*>): CompletableFuture<CallReply> =
        call(procedure, args, emptyMap<String, Any?>())

    override fun call(procedure: String, args: List<*>, kwargs: Map<String, *>): CompletableFuture<CallReply> = request {
        val payload = PlainPayload.of(args, kwargs)
        DefaultCallReply(session.call(procedure, payload.wampArgs, payload.wampKwargs))
    }

    override fun call(procedure: String, payload: Payload, options: Map<String, *>): CompletableFuture<CallReply> = request {
        DefaultCallReply(session.call(procedure, payload.wampArgs, payload.wampKwargs, PlainPayload.wampDict(options)))
    }

    override fun callProgressive(
        procedure: String,
        payload: Payload,
        onProgress: Consumer<in CallReply>,
    ): CompletableFuture<CallReply> = request {
        var final: CallResult? = null
        session.callProgressive(procedure, payload.wampArgs, payload.wampKwargs).collect {
            if (it.isProgress) onProgress.accept(DefaultCallReply(it)) else final = it
        }
        DefaultCallReply(final ?: throw IllegalStateException("the call of $procedure ended without a final result"))
    }

    override fun register(procedure: String, handler: Function<in IncomingCall, out CompletionStage<*>>) =
        register(procedure, emptyMap<String, Any?>(), handler)

    override fun register(
        procedure: String,
        options: Map<String, *>,
        handler: Function<in IncomingCall, out CompletionStage<*>>,
    ): CompletableFuture<RegistrationHandle> = registerHandler(procedure, options) { invocation ->
        // await() cancels a CompletableFuture stage when the invocation is interrupted or the session ends
        val stage: CompletionStage<*>? = handler.apply(DefaultIncomingCall(invocation, scope))
        stage ?: throw IllegalStateException("the handler of $procedure returned no CompletionStage")
        PlainPayload.toCallResult(stage.await())
    }

    override fun registerSync(procedure: String, handler: Function<in IncomingCall, *>) =
        registerSync(procedure, emptyMap<String, Any?>(), handler)

    override fun registerSync(
        procedure: String,
        options: Map<String, *>,
        handler: Function<in IncomingCall, *>,
    ): CompletableFuture<RegistrationHandle> = registerHandler(procedure, options) { invocation ->
        // may block; an interrupted invocation interrupts the thread
        val value = runInterruptible(Dispatchers.IO) { handler.apply(DefaultIncomingCall(invocation, scope)) }
        PlainPayload.toCallResult(value)
    }

    private fun registerHandler(
        procedure: String,
        options: Map<String, *>,
        handler: InvocationHandler,
    ): CompletableFuture<RegistrationHandle> = request {
        DefaultRegistrationHandle(session.register(procedure, PlainPayload.wampDict(options), handler), scope)
    }

    override fun subscribe(topic: String, consumer: Consumer<in IncomingEvent>) =
        subscribe(topic, emptyMap<String, Any?>(), consumer)

    override fun subscribe(
        topic: String,
        options: Map<String, *>,
        consumer: Consumer<in IncomingEvent>,
    ): CompletableFuture<SubscriptionHandle> = request {
        val handler = EventHandler { consumer.accept(DefaultIncomingEvent(it)) }
        DefaultSubscriptionHandle(session.subscribe(topic, PlainPayload.wampDict(options), handler), scope)
    }

    override fun publish(topic: String, args: List<*>): CompletableFuture<Long?> = request {
        session.publish(topic, PlainPayload.wampList(args))
    }

    override fun publish(topic: String, payload: Payload, options: Map<String, *>): CompletableFuture<Long?> = request {
        val opts = PlainPayload.wampDict(options)
        val acknowledge = opts["acknowledge"] == WampBool(true)
        val excludeMe = opts["exclude_me"] != WampBool(false)
        val rest = WampDict(opts - "acknowledge" - "exclude_me")
        session.publish(topic, payload.wampArgs, payload.wampKwargs, acknowledge, excludeMe, rest)
    }

    override fun publishAcknowledged(topic: String, args: List<*>): CompletableFuture<Long> = request {
        session.publish(topic, PlainPayload.wampList(args), acknowledge = true)
            ?: throw IllegalStateException("no publication id for an acknowledged publication")
    }

    override fun leave(): CompletableFuture<SessionCloseDetails> = leave(WampErrors.CLOSE_NORMAL, null)

    override fun leave(reason: String, message: String?): CompletableFuture<SessionCloseDetails> {
        val mine = CompletableFuture<SessionCloseDetails>()
        val existing = leaving.compareAndExchange(null, mine)
        if (existing != null) return existing.copy()
        scope.future {
            session.leave(reason, message)
            session.awaitClosed()
        }.whenComplete { details, error -> if (error != null) mine.completeExceptionally(error) else mine.complete(details) }
        return mine.copy()
    }

    override fun whenClosed(): CompletableFuture<SessionCloseDetails> = closed.copy()

    override fun close() {
        val done = leave()
        try {
            // Blocking is the contract of AutoCloseable.close(); leave() itself is bounded (GOODBYE timeout).
            done.get(WampClient.CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        } catch (_: TimeoutException) {
            log.warn("session {} did not end within {} ms of close()", sessionId, WampClient.CLOSE_TIMEOUT_MILLIS)
        } catch (e: ExecutionException) {
            log.debug("session {}: leaving failed", sessionId, e.cause)
        } catch (_: InterruptedException) {
            Thread.currentThread().interrupt()
        }
    }

    override fun toString(): String = "WampClient(session=$sessionId, realm=$realm)"

    /**
     * Runs [block] as a request of this client: every failure, also of converting arguments, fails the future;
     * the future's cancel cancels it (and so the call on the wire).
     */
    private fun <T> request(block: suspend CoroutineScope.() -> T): CompletableFuture<T> = scope.future(block = block)

    internal companion object {
        private val log = LoggerFactory.getLogger(DefaultWampClient::class.java)

        fun connect(connector: WampConnector, realm: String): CompletableFuture<WampClient> =
            // a scope of its own for the attempt alone: the session it makes has no parent (EmptyCoroutineContext)
            CoroutineScope(Dispatchers.Default + CoroutineName("wamp-java-connect")).future {
                DefaultWampClient(connector.join(realm, EmptyCoroutineContext))
            }
    }
}
