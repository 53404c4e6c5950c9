package io.wampkit.session

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe

/** The match and invocation policies parse their option values, for the router as for the client. */
class PolicyWireNamesSpec : FunSpec({
    test("every policy parses back from its wire name") {
        MatchPolicy.entries.forEach { MatchPolicy.fromWire(it.wire) shouldBe it }
        InvokePolicy.entries.forEach { InvokePolicy.fromWire(it.wire) shouldBe it }
        TopicMatch.entries.forEach { TopicMatch.fromWire(it.wire) shouldBe it }
    }

    test("no option is the default policy") {
        MatchPolicy.fromWire(null) shouldBe MatchPolicy.EXACT
        InvokePolicy.fromWire(null) shouldBe InvokePolicy.SINGLE
        TopicMatch.fromWire(null) shouldBe TopicMatch.EXACT
    }

    test("an unknown name (names are case-sensitive) is null") {
        MatchPolicy.fromWire("regex").shouldBeNull()
        MatchPolicy.fromWire("PREFIX").shouldBeNull()
        InvokePolicy.fromWire("round_robin").shouldBeNull()
        TopicMatch.fromWire("").shouldBeNull()
    }
})
