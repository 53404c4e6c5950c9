package io.wampkit.router

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.router.internal.Procedure
import io.wampkit.router.internal.RegistrationTable
import io.wampkit.router.internal.isValidRegistrationUri
import io.wampkit.session.InvokePolicy
import io.wampkit.session.MatchPolicy

/** Call matching of the dealer's registration table: the spec's precedence examples, one by one. */
class RegistrationTableSpec : FunSpec({
    // the registrations of the spec's example (Pattern-based Registrations, "Calls matching multiple registrations")
    val table = RegistrationTable().apply {
        add(Procedure(1, "a1.b2.c3.d4.e55", MatchPolicy.EXACT, InvokePolicy.SINGLE))
        add(Procedure(2, "a1.b2.c3", MatchPolicy.PREFIX, InvokePolicy.SINGLE))
        add(Procedure(3, "a1.b2.c3.d4", MatchPolicy.PREFIX, InvokePolicy.SINGLE))
        add(Procedure(4, "a1.b2..d4.e5", MatchPolicy.WILDCARD, InvokePolicy.SINGLE))
        add(Procedure(5, "a1.b2.c3..e5", MatchPolicy.WILDCARD, InvokePolicy.SINGLE))
        add(Procedure(6, "a1.b2..d4.e5..g7", MatchPolicy.WILDCARD, InvokePolicy.SINGLE))
        add(Procedure(7, "a1.b2..d4..f6.g7", MatchPolicy.WILDCARD, InvokePolicy.SINGLE))
    }

    listOf(
        "a1.b2.c3.d4.e55" to 1L, // exact match
        "a1.b2.c3.d98.e74" to 2L, // single prefix match
        "a1.b2.c3.d4.e325" to 3L, // two prefix matches: the longest
        "a1.b2.c55.d4.e5" to 4L, // single wildcard match
        "a1.b2.c3.d4.e5" to 3L, // prefix a1.b2.c3.d4 beats every wildcard
        "a1.b2.c88.d4.e5.f6.g7" to 6L, // equal first portions, RPC 6 has the longer second one
        "a2.b2.c2.d2.e2" to null, // nothing: no_such_procedure
    ).forEach { (uri, expected) ->
        test("a call of $uri goes to registration $expected") {
            table.match(uri)?.id shouldBe expected
        }
    }

    test("without the prefix registrations, two wildcard matches pick the longer first portion") {
        val wildcards = RegistrationTable().apply {
            add(Procedure(4, "a1.b2..d4.e5", MatchPolicy.WILDCARD, InvokePolicy.SINGLE))
            add(Procedure(5, "a1.b2.c3..e5", MatchPolicy.WILDCARD, InvokePolicy.SINGLE))
        }
        wildcards.match("a1.b2.c3.d4.e5")?.id shouldBe 5L
        wildcards.match("a1.b2.c3.d4")?.id shouldBe null // a wildcard matches whole components, same count
    }

    test("prefix matching is by string prefix, as the spec's com.myapp.myobject1-mysubobject1 example") {
        val prefix = RegistrationTable().apply { add(Procedure(9, "com.myapp.myobject1", MatchPolicy.PREFIX, InvokePolicy.SINGLE)) }
        listOf("com.myapp.myobject1.myprocedure1", "com.myapp.myobject1-mysubobject1", "com.myapp.myobject1")
            .forEach { prefix.match(it)?.id shouldBe 9L }
        listOf("com.myapp.myobject2", "com.myapp.myobject").forEach { prefix.match(it) shouldBe null }
    }

    test("lookup finds a registration by URI and match policy only; remove takes it out of every index") {
        table.lookup("a1.b2.c3", MatchPolicy.PREFIX)?.id shouldBe 2L
        table.lookup("a1.b2.c3", MatchPolicy.EXACT) shouldBe null
        val scratch = RegistrationTable()
        val p = Procedure(11, "x.y", MatchPolicy.EXACT, InvokePolicy.SINGLE)
        scratch.add(p)
        scratch[11]?.uri shouldBe "x.y"
        scratch.remove(p)
        scratch[11] shouldBe null
        scratch.match("x.y") shouldBe null
        scratch.ids(MatchPolicy.EXACT) shouldBe emptyList()
    }

    test("URI rules per match policy") {
        isValidRegistrationUri("com.example.add", MatchPolicy.EXACT) shouldBe true
        isValidRegistrationUri("com..add", MatchPolicy.EXACT) shouldBe false
        isValidRegistrationUri("com.example.", MatchPolicy.PREFIX) shouldBe true
        isValidRegistrationUri("com.example", MatchPolicy.PREFIX) shouldBe true
        isValidRegistrationUri("com..add", MatchPolicy.PREFIX) shouldBe false
        isValidRegistrationUri("com..add", MatchPolicy.WILDCARD) shouldBe true
        isValidRegistrationUri("..", MatchPolicy.WILDCARD) shouldBe false
        isValidRegistrationUri("com. x", MatchPolicy.WILDCARD) shouldBe false
    }
})
