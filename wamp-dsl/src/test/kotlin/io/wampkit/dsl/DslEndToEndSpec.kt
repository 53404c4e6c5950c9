package io.wampkit.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.Serializable

@Serializable
data class Point(val x: Int, val y: Int)

@Serializable
data class Box(val corner: Point, val label: String = "box", val tags: List<String> = emptyList())

/** The DSL against the embedded router over real WebSocket connections. */
class DslEndToEndSpec : FunSpec({
    val fx = embeddedRouterForSpec()

    /** Runs a callee component with [serve] and, once it is registered, a caller component with [use]. */
    suspend fun <T> withCallee(serve: suspend ComponentSession.() -> Unit, use: suspend ComponentSession.() -> T): T =
        withTimeout(20_000) {
            coroutineScope {
                val ready = CompletableDeferred<Unit>()
                val done = CompletableDeferred<Unit>()
                val callee = wampComponent("callee") {
                    url = fx.server.url
                    onJoin { serve(); ready.complete(Unit); done.await(); leave() }
                }
                launch { callee.run() }
                ready.await()
                val result = CompletableDeferred<T>()
                wampComponent("caller") {
                    url = fx.server.url
                    onJoin { result.complete(use()); leave() }
                }.run()
                done.complete(Unit)
                result.await()
            }
        }

    test("typed register and call: add2") {
        withCallee({ register("com.myapp.add2") { a: Int, b: Int -> a + b } }) {
            call<Int>("com.myapp.add2", 2, 3)
        } shouldBe 5
    }

    test("serializable data classes, defaults, lists and nullable arguments travel both ways") {
        val box = withCallee({
            register("com.myapp.box") { p: Point, label: String?, tags: List<String>? ->
                Box(p, label ?: "box", tags ?: emptyList())
            }
        }) {
            listOf<Box>(call("com.myapp.box", Point(1, 2), "b1", listOf("x", "y")), call("com.myapp.box", Point(3, 4)))
        }
        box shouldBe listOf(Box(Point(1, 2), "b1", listOf("x", "y")), Box(Point(3, 4)))
    }

    test("a handler's WampException reaches the caller with uri, args and kwargs unchanged") {
        val e = withCallee({
            register<Unit>("com.myapp.fail") { ->
                throw WampException("com.myapp.error.failed", wampListOf("boom", 42), io.wampkit.value.wampDictOf("why" to "test"))
            }
        }) { shouldThrow<WampException> { call<Unit>("com.myapp.fail") } }
        e.uri shouldBe "com.myapp.error.failed"
        e.args shouldBe wampListOf("boom", 42)
        e.kwargs shouldBe io.wampkit.value.wampDictOf("why" to "test")
    }

    test("a wrong argument gets wamp.error.invalid_argument naming it, and the callee goes on serving") {
        val (error, after) = withCallee({ register("com.myapp.square") { n: Int -> n * n } }) {
            shouldThrow<WampException> { call<Int>("com.myapp.square", "seven") } to call<Int>("com.myapp.square", 7)
        }
        error.uri shouldBe WampErrors.INVALID_ARGUMENT
        error.message shouldContain "argument 1 of com.myapp.square"
        after shouldBe 49
    }

    test("any other exception becomes wamp.error.runtime_error with its message") {
        val e = withCallee({ register("com.myapp.crash") { -> check(false) { "it broke" } } }) {
            shouldThrow<WampException> { call<Unit>("com.myapp.crash") }
        }
        e.uri shouldBe WampErrors.RUNTIME_ERROR
        e.args shouldBe wampListOf("it broke")
    }

    test("calling a procedure nobody registered gives wamp.error.no_such_procedure") {
        val e = withCallee({}) { shouldThrow<WampException> { call<Int>("com.myapp.nobody") } }
        e.uri shouldBe WampErrors.NO_SUCH_PROCEDURE
    }

    test("typed subscribe receives every published event in order") {
        val received = Channel<Pair<Int, String>>(Channel.UNLIMITED)
        val events = withCallee({ subscribe("com.myapp.tick") { n: Int, s: String -> received.send(n to s) } }) {
            for (i in 1..20) publish("com.myapp.tick", i, "t$i", acknowledge = true)
            List(20) { received.receive() }
        }
        events shouldBe (1..20).map { it to "t$it" }
    }

    test("typed progressive results: registerProgressive and callProgressive") {
        val (progressive, plain) = withCallee({
            registerProgressive("com.myapp.countdown") { n: Int ->
                for (i in n downTo 1) progress(i)
                0
            }
        }) {
            callProgressive<Int>("com.myapp.countdown", 3).toList() to call<Int>("com.myapp.countdown", 3)
        }
        progressive shouldBe listOf(3, 2, 1, 0)
        plain shouldBe 0
    }

    test("run() returns how the session ended and onLeave sees it") {
        val seen = CompletableDeferred<String>()
        val details = withTimeout(10_000) {
            wampComponent("leaver") {
                url = fx.server.url
                onJoin { leave("wamp.close.normal", "done") }
                onLeave { seen.complete(it.reason) }
            }.run()
        }
        details.reason shouldBe "wamp.close.normal"
        seen.await() shouldBe "wamp.close.normal"
    }

    test("the builder validates its configuration") {
        shouldThrow<IllegalArgumentException> { wampComponent("x") { realm = "bad realm" } }
            .message shouldContain "realm"
        shouldThrow<IllegalArgumentException> { wampComponent("x") { } }.message shouldContain "url"
        shouldThrow<IllegalArgumentException> { wampComponent("x") { url = "http://a" } }.message shouldContain "ws://"
    }
})
