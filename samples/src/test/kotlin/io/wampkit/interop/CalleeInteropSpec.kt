package io.wampkit.interop

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.interop.PeerReport.Companion.FAIL
import io.wampkit.interop.PeerReport.Companion.PASS
import io.wampkit.interop.PeerReport.Companion.SKIP
import io.wampkit.interop.PeerReport.Companion.XFAIL
import io.wampkit.session.CallResult
import io.wampkit.session.WampSession
import io.wampkit.value.WampDouble
import io.wampkit.value.WampInt
import io.wampkit.value.WampValue
import io.wampkit.value.wampListOf

/**
 * A WampKit callee serving fixtures/payload.json's procedures, checked by the kit's callers (Autobahn|Python,
 * Autobahn|JS, wampy.js, autobahn-java) through the WampKit router and through fox-wamp. Every check must
 * PASS (autobahn-java 20.6.1 cannot receive progressive results and SKIPs countdown); through fox-wamp a
 * check may be XFAIL only for one of its listed quirks.
 */
class CalleeInteropSpec : FunSpec({
    val harness = Harness.locate()
    val fx = harness.fixture
    val targets = RouterTarget.all(harness)

    afterSpec { RouterTarget.stopAll(targets) }

    /** add2, echo, fail and countdown (progress n..1, then the final result) as the kit's callees implement them. */
    suspend fun WampSession.serveFixture() {
        register(fx.add2) { inv -> CallResult(wampListOf(add(inv.args[0], inv.args[1]))) }
        register(fx.echo) { inv -> CallResult(inv.args, inv.kwargs) }
        register(fx.fail) { throw WampException(fx.failUri, fx.failArgs, fx.failKwargs) }
        register(fx.countdown) { inv ->
            var n = (inv.args[0] as WampInt).value
            while (n > 0) inv.progress(wampListOf(n--))
            CallResult(wampListOf(fx.countdownFinal))
        }
    }

    for (target in targets) context("through ${target.name}") {
        val url = target.start()
        val session = target.join()
        try {
            session.serveFixture()
            for (client in CALLERS) test("$client caller -> WampKit callee") {
                val caller = harness.startPeer(client, "caller", url, target, "--timeout", "$CALLER_TIMEOUT_SECONDS")
                try {
                    val rc = caller.awaitExit(CALLER_EXIT_TIMEOUT_MILLIS)
                    withOutputOf(caller) { checkCallerReport(caller.report(), rc, target, client) }
                } finally {
                    caller.stop()
                }
            }
        } finally {
            session.leave()
        }
    }
})

private val CALLERS = listOf("autobahn-py", "autobahn-js", "wampy", "autobahn-java")
private const val CALLER_TIMEOUT_SECONDS = 40
private const val CALLER_EXIT_TIMEOUT_MILLIS = 70_000L

/** Caller checks that must be reported (and, as every check, PASS or XFAIL for a listed quirk). */
private val REQUIRED_CHECKS = listOf(
    "add2(2,3)==5",
    "echo args round trip",
    "echo kwargs round trip (nested/unicode)",
    "echo single list-valued arg [[1,2,3]]",
    "fail -> error URI",
    "fail -> error args",
    "fail -> error kwargs",
    "unregistered -> wamp.error.no_such_procedure",
    "countdown progressive results",
)

private fun add(a: WampValue, b: WampValue): WampValue =
    if (a is WampInt && b is WampInt) {
        WampInt(a.value + b.value)
    } else {
        WampDouble(a.number() + b.number())
    }

private fun WampValue.number(): Double = when (this) {
    is WampInt -> value.toDouble()
    is WampDouble -> value
    else -> throw WampException(WampErrors.INVALID_ARGUMENT, wampListOf("add2 takes numbers, got $this"))
}

/** autobahn-java 20.6.1 cannot receive progressive results (the kit's README): its countdown check SKIPs. */
private fun isSkippedCountdown(check: PeerReport.Check, client: String) =
    client == "autobahn-java" && check.name.startsWith("countdown") && check.status == SKIP

private fun checkCallerReport(report: PeerReport, rc: Int, target: RouterTarget, client: String) {
    val result = report.result.shouldNotBeNull()
    result.passed shouldBeGreaterThan 0
    // the summary agrees with the lines
    result.passed shouldBe report.withStatus(PASS).size
    result.failed shouldBe report.withStatus(FAIL).size
    result.xfail shouldBe report.withStatus(XFAIL).size
    result.skipped shouldBe report.withStatus(SKIP).size

    report.withStatus(FAIL).map { it.line }.shouldBeEmpty()
    rc shouldBe 0

    // everything passed, or is XFAIL for a listed quirk this router has
    for (check in report.checks.filterNot { isSkippedCountdown(it, client) }) {
        when (check.status) {
            PASS -> Unit
            XFAIL -> {
                val allowed = check.quirk != null && target.has(check.quirk) && check.quirk in RouterTarget.LISTED_QUIRKS
                if (!allowed) throw AssertionError("XFAIL for a quirk ${target.name} is not known for: ${check.line}")
            }
            else -> throw AssertionError("check did not pass: ${check.line}")
        }
    }
    for (name in REQUIRED_CHECKS) {
        report.named(name) ?: throw AssertionError("the caller did not report check '$name'")
    }
}
