package io.wampkit.router

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.session.CallResult
import io.wampkit.session.WampSession
import io.wampkit.session.join
import io.wampkit.value.WampInt
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout

/** WampKit sessions on both sides of the embedded router: the advanced RPC features end to end. */
class ClientThroughRouterSpec : FunSpec({
    lateinit var router: WampRouter
    lateinit var callee: WampSession
    lateinit var caller: WampSession
    beforeTest {
        router = wampRouter { realm("realm1") }
        callee = router.connector().join("realm1")
        caller = router.connector().join("realm1")
    }
    afterTest { router.close() }

    test("progressive results flow from a WampKit callee to a WampKit caller, then the final one") {
        callee.register("com.example.countdown") { inv ->
            var n = (inv.args[0] as WampInt).value
            while (n > 0) inv.progress(wampListOf(n--))
            CallResult.of(0)
        }
        val results = withTimeout(5_000) { caller.callProgressive("com.example.countdown", wampListOf(3)).toList() }
        results.map { it.args } shouldBe listOf(wampListOf(3), wampListOf(2), wampListOf(1), wampListOf(0))
        results.map { it.isProgress } shouldBe listOf(true, true, true, false)
        // a plain call of the same procedure gets just the final result
        caller.call("com.example.countdown", wampListOf(3)).args shouldBe wampListOf(0)
    }

    test("cancelling the caller's coroutine interrupts the callee's handler through the router") {
        val started = CompletableDeferred<Unit>()
        val interrupted = CompletableDeferred<Unit>()
        callee.register("com.example.forever") {
            started.complete(Unit)
            try { awaitCancellation() } finally { interrupted.complete(Unit) }
        }
        withTimeout(5_000) {
            coroutineScope {
                val pending = async { caller.call("com.example.forever") }
                started.await()
                pending.cancel()
                interrupted.await()
            }
        }
        // both sessions go on
        callee.register("com.example.add") { CallResult.of(((it.args[0] as WampInt).value + 1)) }
        caller.call("com.example.add", wampListOf(41)).args shouldBe wampListOf(42)
        caller.isActive shouldBe true
    }
})
