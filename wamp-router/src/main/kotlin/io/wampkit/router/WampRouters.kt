package io.wampkit.router

import io.wampkit.router.internal.DefaultEmbeddedRouter
import io.wampkit.transport.WampConnector
import java.util.concurrent.CompletableFuture

/**
 * A running embedded router with its WebSocket listener, for Java code and other callers without
 * coroutines; see [WampRouters.start].
 */
public interface EmbeddedRouter : AutoCloseable {
    /** The router. */
    public val router: WampRouter

    /** The URL clients connect to, e.g. `ws://127.0.0.1:41234/ws`. */
    public val url: String

    /** The port it listens on. */
    public val port: Int

    /** A connector to this router in the same process (in-memory, no sockets). */
    public fun connector(): WampConnector = router.connector()

    /** Number of sessions currently joined to [realm]. */
    public fun sessionCount(realm: String): Int = router.sessionCount(realm)

    /** Says GOODBYE to every session, then stops listening; the future completes when both are done. Idempotent. */
    public fun stop(): CompletableFuture<Void?>

    /** [stop] and wait for it, at most [CLOSE_TIMEOUT_MILLIS]. Idempotent. */
    override fun close()

    /** Constants. */
    public companion object {
        /** How long [close] blocks at most. */
        public const val CLOSE_TIMEOUT_MILLIS: Long = 10_000L
    }
}

/**
 * Starting the embedded router from Java:
 * ```java
 * try (EmbeddedRouter router = WampRouters.start("realm1", 0).join()) {
 *     WampClient client = WampClient.connect(router.getUrl(), "realm1").join();
 * }
 * ```
 */
public object WampRouters {
    /**
     * Starts a router serving [realm] over WebSocket at 127.0.0.1:[port]/ws (0 picks a free port); the
     * future completes when it listens.
     */
    @JvmStatic
    @JvmOverloads
    public fun start(realm: String, port: Int = 0): CompletableFuture<EmbeddedRouter> =
        start(wampRouter { realm(realm) }, "127.0.0.1", port, "/ws")

    /** Serves [router] over WebSocket at [host]:[port][path]; see [startServer]. Stopping it closes [router]. */
    @JvmStatic
    public fun start(router: WampRouter, host: String, port: Int, path: String): CompletableFuture<EmbeddedRouter> =
        DefaultEmbeddedRouter.start(router, host, port, path)
}
