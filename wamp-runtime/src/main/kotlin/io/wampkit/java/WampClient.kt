package io.wampkit.java

import io.wampkit.java.internal.DefaultWampClient
import io.wampkit.session.SessionCloseDetails
import io.wampkit.session.WampSession
import io.wampkit.transport.WampConnector
import io.wampkit.transport.webSocketConnector
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.function.Consumer
import java.util.function.Function

/**
 * A joined WAMP session for Java: every operation returns a [CompletableFuture] instead of suspending.
 *
 * ```java
 * try (WampClient client = WampClient.connect("ws://127.0.0.1:8080/ws", "realm1").join()) {
 *     client.registerSync("com.myapp.add2", inv -> inv.argLong(0) + inv.argLong(1)).join();
 *     long sum = client.call("com.myapp.add2", List.of(2, 3)).join().argLong(0);
 * }
 * ```
 *
 * Every failure is reported through the returned future, never thrown: an argument of an unsupported type or
 * an invalid URI as [IllegalArgumentException], an ERROR answer as [io.wampkit.WampException].
 * A failed call completes its future exceptionally with [io.wampkit.WampException] (the ERROR's URI, args
 * and kwargs); `join()` wraps it in a `CompletionException`, `get()` in an `ExecutionException`. Cancelling
 * a call's future cancels the call on the wire. When the session ends, every pending future fails with
 * [io.wampkit.WampConnectionClosedException].
 *
 * Handlers run on the session's coroutine threads: [register]'s handler should not block (return a future
 * instead), [registerSync]'s handler may block (it runs on the IO dispatcher and is interrupted when the
 * caller cancels), a [subscribe] consumer must not block (events of one subscription come one at a time).
 */
public interface WampClient : AutoCloseable {
    /** The session id the router assigned. */
    public val sessionId: Long

    /** The realm this client joined. */
    public val realm: String

    /** True until the session has ended. */
    public val isActive: Boolean

    /** The underlying coroutine session, for Kotlin code. */
    public val session: WampSession

    /** Calls [procedure] without arguments. */
    public fun call(procedure: String): CompletableFuture<CallReply>

    /** Calls [procedure] with positional [args] (plain values, see [Payload]). */
    public fun call(procedure: String, args: List<*>): CompletableFuture<CallReply>

    /** Calls [procedure] with positional [args] and keyword [kwargs]. */
    public fun call(procedure: String, args: List<*>, kwargs: Map<String, *>): CompletableFuture<CallReply>

    /** Calls [procedure] with a [payload] and CALL [options] (e.g. `disclose_me`, `timeout`). */
    public fun call(procedure: String, payload: Payload, options: Map<String, *>): CompletableFuture<CallReply>

    /**
     * Calls [procedure] asking for progressive results: [onProgress] receives each one in order, the
     * future completes with the final result.
     */
    public fun callProgressive(
        procedure: String,
        payload: Payload,
        onProgress: Consumer<in CallReply>,
    ): CompletableFuture<CallReply>

    /**
     * Registers [handler] for [procedure]; it answers each invocation with a [CompletionStage] whose value
     * becomes the YIELD: a [Payload] as is, null as no arguments, any other value as one positional argument.
     * A stage that fails with [io.wampkit.WampException] answers ERROR with its URI, args and kwargs; any other
     * failure answers `wamp.error.runtime_error`. When the caller cancels, the stage is cancelled (if it is a
     * [CompletableFuture]).
     */
    public fun register(
        procedure: String,
        handler: Function<in IncomingCall, out CompletionStage<*>>,
    ): CompletableFuture<RegistrationHandle>

    /** [register] with REGISTER [options] (e.g. `match`, `invoke`). */
    public fun register(
        procedure: String,
        options: Map<String, *>,
        handler: Function<in IncomingCall, out CompletionStage<*>>,
    ): CompletableFuture<RegistrationHandle>

    /**
     * Registers a synchronous [handler] for [procedure]: its return value becomes the YIELD as for [register]
     * and what it throws the ERROR. It runs on the IO dispatcher and may block; when the caller cancels, its
     * thread is interrupted.
     */
    public fun registerSync(procedure: String, handler: Function<in IncomingCall, *>): CompletableFuture<RegistrationHandle>

    /** [registerSync] with REGISTER [options]. */
    public fun registerSync(
        procedure: String,
        options: Map<String, *>,
        handler: Function<in IncomingCall, *>,
    ): CompletableFuture<RegistrationHandle>

    /**
     * Subscribes [consumer] to [topic]. Events come in order, one at a time; a consumer that throws is logged
     * and keeps receiving later events.
     */
    public fun subscribe(topic: String, consumer: Consumer<in IncomingEvent>): CompletableFuture<SubscriptionHandle>

    /** [subscribe] with SUBSCRIBE [options] (e.g. `match`). */
    public fun subscribe(
        topic: String,
        options: Map<String, *>,
        consumer: Consumer<in IncomingEvent>,
    ): CompletableFuture<SubscriptionHandle>

    /** Publishes positional [args] to [topic]; the future completes (with null) once the PUBLISH is sent. */
    public fun publish(topic: String, args: List<*>): CompletableFuture<Long?>

    /**
     * Publishes [payload] to [topic] with PUBLISH [options]. With `acknowledge: true` the future completes with
     * the publication id (or fails with [io.wampkit.WampException]); otherwise with null once sent.
     * `exclude_me: false` lets this session receive its own event.
     */
    public fun publish(topic: String, payload: Payload, options: Map<String, *>): CompletableFuture<Long?>

    /** Publishes with acknowledgement: the future completes with the publication id. */
    public fun publishAcknowledged(topic: String, args: List<*>): CompletableFuture<Long>

    /** Leaves the realm with `wamp.close.normal`; completes when the session has ended. Idempotent. */
    public fun leave(): CompletableFuture<SessionCloseDetails>

    /** Leaves with GOODBYE [reason] and an optional [message]; completes when the session has ended. */
    public fun leave(reason: String, message: String?): CompletableFuture<SessionCloseDetails>

    /** Completes when the session has ended, however it ended (a new copy each time). */
    public fun whenClosed(): CompletableFuture<SessionCloseDetails>

    /**
     * Leaves the realm and blocks until the session has ended, at most [CLOSE_TIMEOUT_MILLIS] (GOODBYE waits
     * at most 5 s for the router's answer, then the connection is closed anyway). Idempotent. Do not call it
     * from a handler: use [leave] there.
     */
    override fun close()

    /** Factories. */
    public companion object {
        /** How long [close] blocks at most. */
        public const val CLOSE_TIMEOUT_MILLIS: Long = 10_000L

        /** Connects over WebSocket (JSON) to [url] and joins [realm]. */
        @JvmStatic
        public fun connect(url: String, realm: String): CompletableFuture<WampClient> = try {
            connect(webSocketConnector(url), realm)
        } catch (e: IllegalArgumentException) {
            CompletableFuture.failedFuture(e)
        }

        /**
         * Connects through [connector] (e.g. an embedded router's in-memory connector) and joins [realm].
         * Cancelling the future abandons the attempt and closes the connection.
         */
        @JvmStatic
        public fun connect(connector: WampConnector, realm: String): CompletableFuture<WampClient> =
            DefaultWampClient.connect(connector, realm)

        /** The Java facade of an already joined [session]. */
        @JvmStatic
        public fun of(session: WampSession): WampClient = DefaultWampClient(session)
    }
}
