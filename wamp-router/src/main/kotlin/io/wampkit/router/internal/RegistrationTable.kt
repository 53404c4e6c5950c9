package io.wampkit.router.internal

import io.wampkit.message.WampUris
import io.wampkit.session.MatchPolicy

/**
 * The registrations of one realm, by id and by URI per match policy. A call is matched as the spec's
 * pattern-based registration asks: exact first (one hash lookup, O(1)), then the longest matching prefix
 * (a scan of the prefix registrations, O(P)), then the best wildcard (a scan of the wildcard registrations
 * with the same component count, O(W)); the scans are skipped when there are no such registrations.
 * Guarded by the realm's lock.
 */
internal class RegistrationTable {
    private val byId = HashMap<Long, Procedure>()
    private val exact = HashMap<String, Procedure>()
    private val prefix = HashMap<String, Procedure>()
    private val wildcard = HashMap<String, Procedure>()

    operator fun get(id: Long): Procedure? = byId[id]

    /** The registration of exactly [uri] under [match] (what REGISTER and `wamp.registration.lookup` look for). */
    fun lookup(uri: String, match: MatchPolicy): Procedure? = mapOf(match)[uri]

    fun add(procedure: Procedure) {
        byId[procedure.id] = procedure
        mapOf(procedure.match)[procedure.uri] = procedure
    }

    fun remove(procedure: Procedure) {
        byId.remove(procedure.id)
        mapOf(procedure.match).remove(procedure.uri)
    }

    /** Registration ids per match policy (`wamp.registration.list`). */
    fun ids(match: MatchPolicy): List<Long> = mapOf(match).values.map { it.id }

    /** The registration a CALL of [procedure] goes to, or null (`wamp.error.no_such_procedure`). */
    fun match(procedure: String): Procedure? {
        exact[procedure]?.let { return it }
        if (prefix.isNotEmpty()) {
            var best: Procedure? = null
            for (candidate in prefix.values) {
                if (WampUris.matchesPrefix(candidate.uri, procedure) && (best == null || candidate.uri.length > best.uri.length)) {
                    best = candidate
                }
            }
            if (best != null) return best
        }
        if (wildcard.isEmpty()) return null
        var best: Procedure? = null
        for (candidate in wildcard.values) {
            if (!WampUris.matchesWildcard(candidate.uri, procedure)) continue
            val rank = if (best == null) 1 else compareRuns(candidate.literalRuns, best.literalRuns)
            // equal rank: the older registration, so that the choice does not depend on hash order
            if (rank > 0 || (rank == 0 && candidate.id < best!!.id)) best = candidate
        }
        return best
    }

    private fun mapOf(match: MatchPolicy): HashMap<String, Procedure> = when (match) {
        MatchPolicy.EXACT -> exact
        MatchPolicy.PREFIX -> prefix
        MatchPolicy.WILDCARD -> wildcard
    }
}
