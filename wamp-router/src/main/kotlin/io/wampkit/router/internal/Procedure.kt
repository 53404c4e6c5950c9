package io.wampkit.router.internal

import io.wampkit.session.InvokePolicy
import io.wampkit.session.MatchPolicy
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import java.time.Instant
import java.util.concurrent.ThreadLocalRandom

/**
 * One registration: a URI with its match and invocation policies, and the callees attached to it, in
 * registration order (shared registrations have several). Guarded by the realm's lock.
 */
internal class Procedure(
    val id: Long,
    val uri: String,
    val match: MatchPolicy,
    val invoke: InvokePolicy,
) {
    val created: String = Instant.now().toString()
    val callees = ArrayList<RouterSession>(1)
    private var roundRobin = 0

    /**
     * For wildcard registrations: the lengths of the runs of literal components between wildcards (empty
     * components), which rank two matching registrations (the spec's "longest portion of URI components
     * matched before each wildcard", compared run by run).
     */
    val literalRuns: IntArray = if (match == MatchPolicy.WILDCARD) runsOf(uri.split('.')) else IntArray(0)

    /** The callee that gets the next invocation, per [invoke]. */
    fun pick(): RouterSession = when (invoke) {
        InvokePolicy.SINGLE, InvokePolicy.FIRST -> callees[0]
        InvokePolicy.LAST -> callees[callees.size - 1]
        InvokePolicy.ROUNDROBIN -> callees[Math.floorMod(roundRobin++, callees.size)]
        InvokePolicy.RANDOM -> callees[ThreadLocalRandom.current().nextInt(callees.size)]
    }

    /** `RegistrationDetails` of the registration meta API. */
    fun details(): WampDict =
        wampDictOf("id" to id, "created" to created, "uri" to uri, "match" to match.wire, "invoke" to invoke.wire)

    private fun runsOf(parts: List<String>): IntArray {
        val runs = ArrayList<Int>()
        var run = 0
        for (part in parts) {
            if (part.isEmpty()) {
                runs += run
                run = 0
            } else {
                run++
            }
        }
        runs += run
        return runs.toIntArray()
    }
}

/** Compares wildcard registrations by their literal runs, run by run: the greater one matches better. */
internal fun compareRuns(a: IntArray, b: IntArray): Int {
    for (i in 0 until maxOf(a.size, b.size)) {
        val x = a.getOrElse(i) { 0 }
        val y = b.getOrElse(i) { 0 }
        if (x != y) return x.compareTo(y)
    }
    return 0
}
