package io.wampkit.samples

import io.wampkit.router.WampRouter
import io.wampkit.transport.WampConnector
import io.wampkit.transport.inMemoryTransportPair
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.future.future
import java.util.concurrent.CompletableFuture

/** One in-memory connection to a router: the client's connector and a future of the router's side. */
class ServedSession(val connector: WampConnector, val served: CompletableFuture<Void?>)

/**
 * For Java tests that must see the router's side of a session end: [open] makes one in-memory connection
 * whose [ServedSession.served] completes when the router has finished serving it (the session has left its
 * realm). [close] cancels whatever is still served.
 */
class InMemorySessions(private val router: WampRouter) : AutoCloseable {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default + CoroutineName("in-memory-sessions"))

    fun open(): ServedSession {
        val (client, routerSide) = inMemoryTransportPair(name = "java-test")
        val served: CompletableFuture<Void?> = scope.future {
            router.serve(routerSide)
            null
        }
        return ServedSession({ client }, served)
    }

    override fun close() = scope.cancel()
}
