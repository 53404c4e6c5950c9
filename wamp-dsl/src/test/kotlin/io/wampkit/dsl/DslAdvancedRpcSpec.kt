package io.wampkit.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.router.WampRouter
import io.wampkit.router.wampRouter
import io.wampkit.session.InvokePolicy
import io.wampkit.session.MatchPolicy
import io.wampkit.session.callOptions
import io.wampkit.session.registerOptions
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout

/** Register and call options, and currentInvocation(), through the DSL and the embedded router (in memory). */
class DslAdvancedRpcSpec : FunSpec({
    lateinit var router: WampRouter
    beforeTest { router = wampRouter { realm("realm1") } }
    afterTest { router.close() }

    /** Runs [serve] in a callee component, then [use] in a caller component; returns what [use] returns. */
    suspend fun <T> withCallee(serve: suspend ComponentSession.() -> Unit, use: suspend ComponentSession.() -> T): T =
        withTimeout(20_000) {
            coroutineScope {
                val ready = CompletableDeferred<Unit>()
                val done = CompletableDeferred<Unit>()
                launch {
                    wampComponent("callee") {
                        connector(router.connector())
                        onJoin { serve(); ready.complete(Unit); done.await(); leave() }
                    }.run()
                }
                ready.await()
                val result = CompletableDeferred<T>()
                wampComponent("caller") {
                    connector(router.connector())
                    onJoin { result.complete(use()); leave() }
                }.run()
                done.complete(Unit)
                result.await()
            }
        }

    test("a typed prefix registration sees the called URI and the disclosed caller through currentInvocation()") {
        val answers = withCallee({
            register("com.myapp.user.", registerOptions(match = MatchPolicy.PREFIX)) { id: Int ->
                val inv = currentInvocation()
                "${inv.procedure}#$id by ${inv.callerAuthRole ?: "?"}"
            }
        }) {
            listOf(
                call<String>("com.myapp.user.get", 7, options = callOptions(discloseMe = true)),
                call<String>("com.myapp.user.delete", 8),
            )
        }
        answers shouldBe listOf("com.myapp.user.get#7 by anonymous", "com.myapp.user.delete#8 by ?")
    }

    test("typed shared registrations: two roundrobin callees in one component take turns") {
        val served = withCallee({
            register("com.myapp.pool", registerOptions(invoke = InvokePolicy.ROUNDROBIN)) { -> "a" }
        }) {
            // a second callee of the same pool, from the caller's own session
            register("com.myapp.pool", registerOptions(invoke = InvokePolicy.ROUNDROBIN)) { -> "b" }
            List(4) { call<String>("com.myapp.pool") }
        }
        served shouldBe listOf("a", "b", "a", "b")
    }

    test("a typed call with timeoutMillis fails with wamp.error.timeout and the handler is cancelled") {
        val cancelled = CompletableDeferred<Unit>()
        val error = withCallee({
            register<Unit>("com.myapp.forever") { ->
                try { awaitCancellation() } finally { cancelled.complete(Unit) }
            }
        }) { shouldThrow<WampException> { call<Unit>("com.myapp.forever", options = callOptions(timeoutMillis = 100)) } }
        error.uri shouldBe WampErrors.TIMEOUT
        withTimeout(5_000) { cancelled.await() }
    }

    test("currentInvocation() outside a handler is an IllegalStateException") {
        shouldThrow<IllegalStateException> { currentInvocation() }
    }

    test("registerProgressive and callProgressive take options too") {
        val items = withCallee({
            registerProgressive("com.myapp.count.", registerOptions(match = MatchPolicy.PREFIX)) { n: Int ->
                progress(currentInvocation().procedure)
                "done $n"
            }
        }) { callProgressive<String>("com.myapp.count.up", 2, options = callOptions(timeoutMillis = 10_000)).toList() }
        items shouldBe listOf("com.myapp.count.up", "done 2")
    }
})
