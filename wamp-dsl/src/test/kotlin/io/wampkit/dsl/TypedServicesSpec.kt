package io.wampkit.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.value.toPlain
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.future.await

/** Typed handlers with scopes, kwargs, annotated services and proxies through the embedded router. */
class TypedServicesSpec : FunSpec({
    val fx = embeddedRouterForSpec()

    test("a typed handler sees its invocation and session through CallScope; the caller disclosed itself") {
        var calleeId = 0L
        val (seen, callerId) = withCallee(fx.server, {
            calleeId = sessionId
            register("com.scope.who") { tag: String -> "$tag ${invocation.procedure} ${session.sessionId} $caller" }
        }) {
            val r = session.call("com.scope.who", wampListOf("t"), options = wampDictOf("disclose_me" to true))
            r.args[0].toPlain() to sessionId
        }
        seen shouldBe "t com.scope.who $calleeId $callerId"
    }

    test("a typed subscriber sees the event and the disclosed publisher through EventScope") {
        val got = CompletableDeferred<Triple<Int, String, Long?>>()
        val publisherId = withCallee(fx.server, {
            subscribe("com.scope.tick") { n: Int -> got.complete(Triple(n, event.topic, publisher)) }
        }) {
            session.publish("com.scope.tick", wampListOf(7), acknowledge = true, options = wampDictOf("disclose_me" to true))
            sessionId
        }
        got.await() shouldBe Triple(7, "com.scope.tick", publisherId)
    }

    test("call with kwargs: a single data-class parameter is filled from them") {
        withCallee(fx.server, { register("com.kw.box") { b: Box -> b.copy(label = b.label.uppercase()) } }) {
            call<Box>("com.kw.box", kwargs = mapOf("corner" to Point(1, 2), "label" to "k"))
        } shouldBe Box(Point(1, 2), "K")
    }

    test("an annotated Kotlin service serves a typed proxy: suspend, renamed, data classes, Unit, null") {
        val service = CalculatorService()
        val results = withCallee(fx.server, { registerService(service, "com.calc") }) {
            val calc = proxy<Calculator>("com.calc")
            listOf(
                calc.add2(2, 3), calc.mul(6, 7), calc.box(Point(1, 2), null), calc.box(Point(3, 4), "b"),
                calc.nothing(), calc.maybe(5), calc.maybe(-1), calc.add2Async(20, 22).await(), calc.sum3(1, 2, 3),
            )
        }
        results shouldBe listOf(5, 42, Box(Point(1, 2)), Box(Point(3, 4), "b"), Unit, 5, null, 42, 6)
    }

    test("proxy errors: a result of the wrong type, a failing callee, and a proxy's own methods") {
        val (wrong, failed, text) = withCallee(fx.server, { registerService(CalculatorService(), "com.calc2") }) {
            val calc = proxy<Calculator>("com.calc2")
            Triple(
                shouldThrow<WampResultTypeException> { calc.wrong() },
                shouldThrow<WampException> { calc.fail() },
                calc.toString(),
            )
        }
        wrong.message shouldBe "result of com.calc2.wrong: expected Int, got string \"not a number\""
        failed.uri shouldBe WampErrors.RUNTIME_ERROR
        failed.args shouldBe wampListOf("no luck")
        text shouldBe "WampProxy(Calculator at com.calc2)"
    }

    test("service methods get kwargs by parameter name, injected objects, and invalid_argument naming the parameter") {
        val (greetings, error) = withCallee(fx.server, { registerService(CalculatorService(), "com.svc") }) {
            val polite = callResult("com.svc.greet", wampListOf("Ada"), wampDictOf("polite" to true)).args[0].toPlain()
            val plain = call<String>("com.svc.greet", "Bob")
            val who = session.call("com.svc.whoami", options = wampDictOf("disclose_me" to true)).args[0].toPlain()
            listOf(polite.toString(), plain, who.toString(), sessionId.toString()) to
                shouldThrow<WampException> { call<Int>("com.svc.add2", 1, "two") }
        }
        greetings[0] shouldBe "Dear Ada via com.svc.greet"
        greetings[1] shouldBe "Bob via com.svc.greet"
        greetings[2] shouldBe greetings[3]
        error.uri shouldBe WampErrors.INVALID_ARGUMENT
        error.args shouldBe wampListOf("argument 2 (b) of com.svc.add2: expected Int, got string \"two\"")
    }

    test("a @WampTopic method of a service receives events with the injected event") {
        val service = CalculatorService()
        withCallee(fx.server, { registerService(service, "com.svc2") }) {
            publish("com.svc2.tick", 1, acknowledge = true)
            publish("com.svc2.tick", "not an int", acknowledge = true) // skipped
            publish("com.svc2.tick", 3, acknowledge = true)
        }
        listOf(service.ticks.receive(), service.ticks.receive()) shouldBe listOf(1 to "com.svc2.tick", 3 to "com.svc2.tick")
    }

    test("a service handle unregisters everything; a class without annotations is refused") {
        val (before, after) = withCallee(fx.server, {}) {
            val handle = registerService(CalculatorService(), "com.gone")
            val n = call<Int>("com.gone.add2", 1, 1)
            handle.registrations.map { it.procedure }.contains("com.gone.add2") shouldBe true
            handle.subscriptions.map { it.topic } shouldBe listOf("com.gone.tick")
            handle.unregister()
            n to shouldThrow<WampException> { call<Int>("com.gone.add2", 1, 1) }.uri
        }
        before shouldBe 2
        after shouldBe WampErrors.NO_SUCH_PROCEDURE
        shouldThrow<IllegalArgumentException> {
            withCallee(fx.server, {}) { registerService("just a string") }
        }.message shouldContain "no @WampProcedure or @WampTopic method"
    }

    test("a proxy refuses non-suspend methods that return no future") {
        shouldThrow<IllegalArgumentException> {
            withCallee(fx.server, {}) { proxy<Blocking>("com.x") }
        }.message shouldBe "Blocking.get must be a suspend function or return a CompletableFuture"
    }
})

/** Not proxyable: a blocking method. */
interface Blocking {
    fun get(): Int
}
