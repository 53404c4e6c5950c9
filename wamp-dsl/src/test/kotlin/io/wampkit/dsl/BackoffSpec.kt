package io.wampkit.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeBetween
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import kotlin.random.Random
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

class BackoffSpec : FunSpec({
    test("defaults are Autobahn's: 1.5 s, x1.5, at most 300 s, 10 % jitter, forever") {
        val b = Backoff.DEFAULT
        b.initialDelay shouldBe 1_500.milliseconds
        b.multiplier shouldBe 1.5
        b.maxDelay shouldBe 5.minutes
        b.jitter shouldBe 0.1
        b.maxAttempts shouldBe -1
        b.allows(1_000_000) shouldBe true
    }

    test("without jitter the delay grows geometrically and stops at maxDelay") {
        val b = backoff(initialDelay = 1_500.milliseconds, jitter = 0.0)
        (1..5).map { b.delayBefore(it).inWholeMilliseconds } shouldBe listOf(1500L, 2250L, 3375L, 5062L, 7593L)
        b.delayBefore(20) shouldBe 300.seconds
        b.delayBefore(1_000) shouldBe 300.seconds
    }

    test("jitter stays within +-jitter of the base delay and is reproducible with a seeded Random") {
        val b = backoff(initialDelay = 1.seconds, multiplier = 2.0, maxDelay = 60.seconds, jitter = 0.1)
        val first = (1..50).map { b.delayBefore(it.coerceAtMost(6), Random(42 + it)) }
        val again = (1..50).map { b.delayBefore(it.coerceAtMost(6), Random(42 + it)) }
        first shouldBe again
        first.forEachIndexed { i, d ->
            val base = 1_000.0 * (1 shl ((i + 1).coerceAtMost(6) - 1))
            d.inWholeMilliseconds.toDouble().shouldBeBetween(base * 0.9 - 1, base * 1.1, 0.0)
        }
        first.toSet().size shouldNotBe 1
    }

    test("maxAttempts bounds the attempts in a row; -1 is forever") {
        val b = backoff(maxAttempts = 3)
        (1..4).map { b.allows(it) } shouldBe listOf(true, true, true, false)
        backoff(maxAttempts = 0).allows(1) shouldBe false
    }

    test("invalid settings are refused") {
        shouldThrow<IllegalArgumentException> { backoff(multiplier = 0.5) }
        shouldThrow<IllegalArgumentException> { backoff(jitter = 1.5) }
        shouldThrow<IllegalArgumentException> { backoff(initialDelay = 10.seconds, maxDelay = 1.seconds) }
        shouldThrow<IllegalArgumentException> { backoff(maxAttempts = -2) }
        shouldThrow<IllegalArgumentException> { Backoff.DEFAULT.delayBefore(0) }
    }

    test("the DSL builder starts from the defaults and validates") {
        val built = BackoffBuilder(Backoff.DEFAULT).apply { maxDelay = 10.seconds }.build()
        built.maxDelay shouldBe 10.seconds
        built.multiplier shouldBe 1.5
        shouldThrow<IllegalArgumentException> { BackoffBuilder(Backoff.DEFAULT).apply { jitter = -0.1 }.build() }
    }
})
