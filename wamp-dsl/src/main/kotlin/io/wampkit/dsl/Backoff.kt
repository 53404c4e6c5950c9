package io.wampkit.dsl

import kotlin.math.pow
import kotlin.random.Random
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes

/**
 * Exponential backoff with jitter, as Autobahn's Component retries: the delay before attempt `n`
 * (1 for the first retry) is `initialDelay * multiplier^(n-1)`, capped at [maxDelay], then moved at random by
 * up to ±[jitter] of itself. After [maxAttempts] failed attempts in a row it gives up; -1 retries forever.
 *
 * Build one with [backoff]; immutable.
 */
public class Backoff internal constructor(
    /** Delay before the first retry. */
    public val initialDelay: Duration,
    /** Growth of the delay per attempt, at least 1. */
    public val multiplier: Double,
    /** Upper bound of the delay before jitter. */
    public val maxDelay: Duration,
    /** Fraction of the delay added or removed at random, in 0..1. */
    public val jitter: Double,
    /** Failed attempts in a row after which to give up; -1 means never. */
    public val maxAttempts: Int,
) {
    /** True when attempt number [attempt] (1 for the first retry) may still be made. */
    public fun allows(attempt: Int): Boolean = maxAttempts < 0 || attempt <= maxAttempts

    /**
     * The delay before attempt [attempt] (1 for the first retry), jittered with [random]. A pure function:
     * the same [random] state gives the same delay.
     */
    public fun delayBefore(attempt: Int, random: Random = Random.Default): Duration {
        require(attempt >= 1) { "attempt counts from 1, was $attempt" }
        val base = (initialDelay.inWholeMilliseconds * multiplier.pow(attempt - 1))
            .coerceAtMost(maxDelay.inWholeMilliseconds.toDouble())
        val factor = if (jitter == 0.0) 1.0 else 1.0 + jitter * (2.0 * random.nextDouble() - 1.0)
        return (base * factor).toLong().coerceAtLeast(0).milliseconds
    }

    override fun toString(): String =
        "Backoff(initialDelay=$initialDelay, multiplier=$multiplier, maxDelay=$maxDelay, jitter=$jitter, maxAttempts=$maxAttempts)"

    public companion object {
        /** Autobahn's defaults: 1.5 s, ×1.5, at most 300 s, 10 % jitter, forever. */
        public val DEFAULT: Backoff = backoff()
    }
}

/** Builds a [Backoff]; the defaults are Autobahn's Component defaults. */
public fun backoff(
    initialDelay: Duration = 1_500.milliseconds,
    multiplier: Double = 1.5,
    maxDelay: Duration = 5.minutes,
    jitter: Double = 0.1,
    maxAttempts: Int = -1,
): Backoff {
    require(!initialDelay.isNegative()) { "initialDelay must not be negative, was $initialDelay" }
    require(multiplier >= 1.0) { "multiplier must be at least 1, was $multiplier" }
    require(maxDelay >= initialDelay) { "maxDelay ($maxDelay) must not be below initialDelay ($initialDelay)" }
    require(jitter in 0.0..1.0) { "jitter must be in 0..1, was $jitter" }
    require(maxAttempts == -1 || maxAttempts >= 0) { "maxAttempts must be -1 (forever) or at least 0, was $maxAttempts" }
    return Backoff(initialDelay, multiplier, maxDelay, jitter, maxAttempts)
}

/** DSL form of [backoff]: `reconnect { initialDelay = 100.milliseconds; maxAttempts = 5 }`. */
@WampDsl
public class BackoffBuilder internal constructor(from: Backoff) {
    /** See [Backoff.initialDelay]. */
    public var initialDelay: Duration = from.initialDelay

    /** See [Backoff.multiplier]. */
    public var multiplier: Double = from.multiplier

    /** See [Backoff.maxDelay]. */
    public var maxDelay: Duration = from.maxDelay

    /** See [Backoff.jitter]. */
    public var jitter: Double = from.jitter

    /** See [Backoff.maxAttempts]. */
    public var maxAttempts: Int = from.maxAttempts

    internal fun build(): Backoff = backoff(initialDelay, multiplier, maxDelay, jitter, maxAttempts)
}
