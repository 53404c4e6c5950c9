package io.wampkit.router

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.session.CallResult
import io.wampkit.session.InvokePolicy
import io.wampkit.session.MatchPolicy
import io.wampkit.session.WampSession
import io.wampkit.session.join
import io.wampkit.session.registerOptions
import io.wampkit.value.WampInt
import io.wampkit.value.WampString
import io.kotest.matchers.shouldNotBe
import io.wampkit.session.Registration

/** Shared registrations (invoke policies) and pattern-based registrations between WampKit sessions. */
class SharedRegistrationSpec : FunSpec({
    lateinit var router: WampRouter
    lateinit var caller: WampSession
    beforeTest {
        router = wampRouter { realm("realm1") }
        caller = router.connector().join("realm1")
    }
    afterTest { router.close() }

    /** [n] callees registering [procedure] with [policy]; each answers with its index. */
    suspend fun callees(n: Int, procedure: String, policy: InvokePolicy): List<Registration> = List(n) { i ->
        router.connector().join("realm1").register(procedure, registerOptions(invoke = policy)) { CallResult.of(i) }
    }

    suspend fun callIndex(procedure: String): Long = (caller.call(procedure).args[0] as WampInt).value

    test("roundrobin: the callees in registration order, looping") {
        callees(3, "com.example.rr", InvokePolicy.ROUNDROBIN)
        List(7) { callIndex("com.example.rr") } shouldBe listOf(0L, 1L, 2L, 0L, 1L, 2L, 0L)
    }

    test("first and last: always the first (last) callee; when it unregisters the next one takes over") {
        val first = callees(3, "com.example.first", InvokePolicy.FIRST)
        List(3) { callIndex("com.example.first") } shouldBe listOf(0L, 0L, 0L)
        first[0].unregister()
        callIndex("com.example.first") shouldBe 1L
        callees(3, "com.example.last", InvokePolicy.LAST)
        List(3) { callIndex("com.example.last") } shouldBe listOf(2L, 2L, 2L)
    }

    test("random: every callee gets calls over 200 calls") {
        callees(3, "com.example.random", InvokePolicy.RANDOM)
        val seen = List(200) { callIndex("com.example.random") }.toSet()
        seen shouldContainExactlyInAnyOrder setOf(0L, 1L, 2L)
    }

    test("single refuses a second callee; a different policy is refused with its own error") {
        callees(1, "com.example.single", InvokePolicy.SINGLE)
        val other = router.connector().join("realm1")
        shouldThrow<WampException> { other.register("com.example.single") { CallResult.EMPTY } }.uri shouldBe
            WampErrors.PROCEDURE_ALREADY_EXISTS
        callees(1, "com.example.shared", InvokePolicy.ROUNDROBIN)
        shouldThrow<WampException> {
            other.register("com.example.shared", registerOptions(invoke = InvokePolicy.RANDOM)) { CallResult.EMPTY }
        }.uri shouldBe WampErrors.PROCEDURE_EXISTS_WITH_DIFFERENT_INVOCATION_POLICY
        shouldThrow<WampException> {
            other.register("com.example.shared", registerOptions(invoke = InvokePolicy.SINGLE)) { CallResult.EMPTY }
        }.uri shouldBe WampErrors.PROCEDURE_EXISTS_WITH_DIFFERENT_INVOCATION_POLICY
        // the same session twice on one shared registration is refused too
        val twice = router.connector().join("realm1")
        twice.register("com.example.twice", registerOptions(invoke = InvokePolicy.ROUNDROBIN)) { CallResult.EMPTY }
        shouldThrow<WampException> {
            twice.register("com.example.twice", registerOptions(invoke = InvokePolicy.ROUNDROBIN)) { CallResult.EMPTY }
        }.uri shouldBe WampErrors.PROCEDURE_ALREADY_EXISTS
    }

    test("exact beats prefix beats wildcard, and the handler of a pattern sees the called URI") {
        val callee = router.connector().join("realm1")
        suspend fun reg(uri: String, match: MatchPolicy, tag: String) =
            callee.register(uri, registerOptions(match = match)) { inv -> CallResult.of(tag, inv.procedure) }
        reg("com.example.user.get", MatchPolicy.EXACT, "exact")
        reg("com.example.user.", MatchPolicy.PREFIX, "prefix-long")
        reg("com.example.", MatchPolicy.PREFIX, "prefix-short")
        reg("com..user.get", MatchPolicy.WILDCARD, "wildcard")
        suspend fun route(uri: String) = caller.call(uri).args.map { (it as WampString).value }
        route("com.example.user.get") shouldBe listOf("exact", "com.example.user.get")
        route("com.example.user.delete") shouldBe listOf("prefix-long", "com.example.user.delete")
        route("com.example.group.get") shouldBe listOf("prefix-short", "com.example.group.get")
        route("com.other.user.get") shouldBe listOf("wildcard", "com.other.user.get")
        shouldThrow<WampException> { caller.call("org.other.user.get") }.uri shouldBe WampErrors.NO_SUCH_PROCEDURE
    }

    test("a shared registration has one id for all its callees; another URI has another") {
        val pool = callees(2, "com.example.pool", InvokePolicy.ROUNDROBIN)
        pool[0].id shouldBe pool[1].id
        callees(1, "com.example.pool2", InvokePolicy.ROUNDROBIN).single().id shouldNotBe pool[0].id
    }
})
