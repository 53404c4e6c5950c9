package io.wampkit.dsl

import io.wampkit.router.WampRouterServer
import io.wampkit.session.WampEvent
import io.wampkit.session.WampInvocation
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield
import java.util.concurrent.CompletableFuture

/** The caller's view of the calculator service, for `proxy<Calculator>("com.calc")`. */
interface Calculator {
    suspend fun add2(a: Int, b: Int): Int

    @WampProcedure("mul.two")
    suspend fun mul(a: Int, b: Int): Int

    suspend fun box(p: Point, label: String?): Box

    suspend fun nothing()

    suspend fun maybe(n: Int): Int?

    suspend fun wrong(): Int

    suspend fun fail(): Int

    @WampProcedure("add2")
    fun add2Async(a: Int, b: Int): CompletableFuture<Int>

    /** Not a procedure: a body in the interface runs on the proxy. */
    suspend fun sum3(a: Int, b: Int, c: Int): Int = add2(add2(a, b), c)
}

/** The calculator as an annotated Kotlin service. */
class CalculatorService {
    val ticks = Channel<Pair<Int, String>>(Channel.UNLIMITED)

    @WampProcedure
    suspend fun add2(a: Int, b: Int): Int {
        yield() // really suspends on the way
        return a + b
    }

    @WampProcedure("mul.two")
    fun mul(a: Int, b: Int): Int = a * b

    @WampProcedure
    suspend fun box(p: Point, label: String?): Box = Box(p, label ?: "box")

    @WampProcedure
    fun nothing() {}

    @WampProcedure
    fun maybe(n: Int): Int? = n.takeIf { it > 0 }

    @WampProcedure
    fun wrong(): String = "not a number"

    @WampProcedure
    fun fail(): Int = throw IllegalStateException("no luck")

    @WampProcedure
    fun whoami(scope: CallScope): Long? = scope.caller

    @WampProcedure
    fun greet(name: String, polite: Boolean?, invocation: WampInvocation): String =
        "${if (polite == true) "Dear " else ""}$name via ${invocation.procedure}"

    @WampTopic("tick")
    suspend fun onTick(n: Int, event: WampEvent) {
        ticks.send(n to event.topic)
    }

    fun notExposed(): Int = 0
}

/** Runs a callee component with [serve] and, once it is ready, a caller component with [use]. */
suspend fun <T> withCallee(
    server: WampRouterServer,
    serve: suspend ComponentSession.() -> Unit,
    use: suspend ComponentSession.() -> T,
): T = withTimeout(20_000) {
    coroutineScope {
        val ready = CompletableDeferred<Unit>()
        val done = CompletableDeferred<Unit>()
        launch {
            wampComponent("callee") {
                url = server.url
                onJoin { serve(); ready.complete(Unit); done.await(); leave() }
            }.run()
        }
        ready.await()
        val result = CompletableDeferred<T>()
        try {
            wampComponent("caller") {
                url = server.url
                onJoin { result.complete(use()); leave() }
            }.run()
        } finally {
            done.complete(Unit)
        }
        result.await()
    }
}
