package io.wampkit.router.internal

import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.session.MatchPolicy
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf

/**
 * The registration meta procedures of the spec's Registration Meta API over the dealer's [table] (read
 * under the realm's lock): list, lookup, match, get, list_callees, count_callees.
 */
internal fun MetaProcedures.addRegistrationMeta(table: RegistrationTable) {
    fun registration(call: MetaCall): Procedure {
        val id = call.id(0, "registration")
        return table[id] ?: throw WampException(WampErrors.NO_SUCH_REGISTRATION, wampListOf("no registration $id"))
    }
    add("wamp.registration.list") {
        wampDictOf(
            "exact" to table.ids(MatchPolicy.EXACT),
            "prefix" to table.ids(MatchPolicy.PREFIX),
            "wildcard" to table.ids(MatchPolicy.WILDCARD),
        )
    }
    add("wamp.registration.lookup") { call ->
        val uri = call.string(0, "procedure")
        val matchName = call.optionalDict(1, "options").string("match")
        val match = MatchPolicy.fromWire(matchName)
            ?: throw WampException(WampErrors.INVALID_ARGUMENT, wampListOf("unknown match policy '$matchName'"))
        table.lookup(uri, match)?.let { WampInt(it.id) }
    }
    add("wamp.registration.match") { call -> table.match(call.string(0, "procedure"))?.let { WampInt(it.id) } }
    add("wamp.registration.get") { call -> registration(call).details() }
    add("wamp.registration.list_callees") { call -> WampList(registration(call).callees.map { WampInt(it.id) }) }
    add("wamp.registration.count_callees") { call -> WampInt(registration(call).callees.size.toLong()) }
}
