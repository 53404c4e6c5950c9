package io.wampkit.interop

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.interop.RouterTarget.Companion.CALLEE_ERROR_URI_LOST
import io.wampkit.interop.RouterTarget.Companion.CALLEE_FAILURE
import io.wampkit.interop.RouterTarget.Companion.SINGLE_LIST_ARG_FLATTENED
import io.wampkit.value.WampDict
import io.wampkit.value.WampDouble
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.wampListOf
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout

/**
 * A WampKit caller (low-level session API, exact WAMP values) against the Autobahn|Python and
 * Autobahn|JS callees of the kit, which serve fixtures/payload.json's procedures; through the WampKit
 * router (strict) and through fox-wamp (only its listed quirks change what we expect).
 */
class CallerInteropSpec : FunSpec({
    val harness = Harness.locate()
    val fx = harness.fixture
    val targets = RouterTarget.all(harness)

    afterSpec { RouterTarget.stopAll(targets) }

    test("the fixture keeps integers and doubles apart") {
        fx.add2Args shouldBe wampListOf(2, 3)
        fx.echoArgs[0] shouldBe WampInt(1)
        fx.echoArgs[2] shouldBe WampDouble(3.5)
        fx.echoKwargs["big"] shouldBe WampInt(-12_345_678_901)
        fx.echoKwargs["float"] shouldBe WampDouble(0.125)
    }

    for (target in targets) context("through ${target.name}") {
        val url = target.start()
        for (client in CALLEES) context("WampKit caller -> $client callee") {
            val callee = harness.startPeer(client, "callee", url, target, "--max-seconds", "$CALLEE_MAX_SECONDS")
            try {
                callee.awaitLine("READY", READY_TIMEOUT_MILLIS) { it.startsWith("READY ") }
                val session = withOutputOf(callee) { target.join() }
                try {
                    /** A call-based check; failures carry the callee's output. */
                    suspend fun callTest(name: String, body: suspend () -> Unit) =
                        test(name) { withOutputOf(callee) { withTimeout(CALL_TIMEOUT_MILLIS) { body() } } }

                    callTest("add2(2, 3) = 5") {
                        val r = session.call(fx.add2, fx.add2Args)
                        r.args shouldBe WampList(listOf(fx.add2Expect))
                        r.kwargs shouldBe WampDict.EMPTY
                    }

                    callTest("echo returns the nested/unicode args and kwargs unchanged") {
                        val r = session.call(fx.echo, fx.echoArgs, fx.echoKwargs)
                        r.args shouldBe fx.echoArgs
                        r.kwargs shouldBe fx.echoKwargs
                        r.args[2] shouldBe WampDouble(3.5) // a double stays a double ...
                        r.kwargs["big"] shouldBe WampInt(-12_345_678_901) // ... and an integer an integer
                    }

                    val flattened = target.has(SINGLE_LIST_ARG_FLATTENED)
                    callTest("echo of a single list-valued argument [[1,2,3]]" + if (flattened) " (quirk $SINGLE_LIST_ARG_FLATTENED)" else "") {
                        val r = session.call(fx.echo, fx.singleListArgs)
                        r.args shouldBe if (flattened) fx.singleListArgs[0] as WampList else fx.singleListArgs
                        r.kwargs shouldBe WampDict.EMPTY
                    }

                    val uriLost = target.has(CALLEE_ERROR_URI_LOST)
                    callTest("fail raises the callee's error" + if (uriLost) " (quirk $CALLEE_ERROR_URI_LOST)" else "") {
                        val e = shouldThrow<WampException> { session.call(fx.fail) }
                        if (uriLost) {
                            e.uri shouldBe CALLEE_FAILURE
                            e.args shouldBe wampListOf(fx.failUri)
                            e.kwargs shouldBe WampDict.EMPTY
                        } else {
                            e.uri shouldBe fx.failUri
                            e.args shouldBe fx.failArgs
                            e.kwargs shouldBe fx.failKwargs
                        }
                    }

                    callTest("a missing procedure is wamp.error.no_such_procedure") {
                        val e = shouldThrow<WampException> { session.call(fx.missing, wampListOf(1)) }
                        e.uri shouldBe fx.noSuchProcedure
                        e.uri shouldBe WampErrors.NO_SUCH_PROCEDURE
                    }

                    callTest("countdown without progressive results gives the final result") {
                        val r = session.call(fx.countdown, wampListOf(fx.countdownN))
                        r.args shouldBe wampListOf(fx.countdownFinal)
                    }

                    callTest("countdown with progressive results: every progress item, then the final result") {
                        val results = session.callProgressive(fx.countdown, wampListOf(fx.countdownN)).toList()
                        results.filter { it.isProgress }.map { it.args.single() } shouldBe fx.countdownProgress
                        results.last().isProgress shouldBe false
                        results.last().args shouldBe wampListOf(fx.countdownFinal)
                    }
                } finally {
                    session.leave()
                }
            } finally {
                callee.stop()
            }
        }
    }
})

private val CALLEES = listOf("autobahn-py", "autobahn-js")
private const val CALLEE_MAX_SECONDS = 150
private const val READY_TIMEOUT_MILLIS = 30_000L
private const val CALL_TIMEOUT_MILLIS = 15_000L
