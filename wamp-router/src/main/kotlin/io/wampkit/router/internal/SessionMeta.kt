package io.wampkit.router.internal

import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf

/**
 * The session meta procedures of the spec's Session Meta API over the realm's [sessions] (read under the
 * realm's lock): `wamp.session.count`, `wamp.session.list` (both with the optional `filter_authroles`) and
 * `wamp.session.get`; the kill procedures are in [addSessionKill].
 */
internal fun MetaProcedures.addSessionMeta(sessions: Map<Long, RouterSession>) {
    fun filtered(call: MetaCall): Sequence<RouterSession> {
        val roles = call.optionalStrings(0, "filter_authroles")
        val all = sessions.values.asSequence()
        return if (roles == null) all else all.filter { it.identity.authRole in roles }
    }
    add("wamp.session.count") { call -> WampInt(filtered(call).count().toLong()) }
    add("wamp.session.list") { call -> WampList(filtered(call).map { WampInt(it.id) }.toList()) }
    add("wamp.session.get") { call ->
        val id = call.id(0, "session")
        val session = sessions[id]
            ?: throw WampException(WampErrors.NO_SUCH_SESSION, wampListOf("no session $id in this realm"))
        session.metaDetails()
    }
}

/** The session's `details` as `wamp.session.get` and `wamp.session.on_join` give them. */
internal fun RouterSession.metaDetails(): WampDict = wampDictOf(
    "session" to id,
    "authid" to identity.authId,
    "authrole" to identity.authRole,
    "authmethod" to identity.authMethod,
    "authprovider" to identity.authProvider,
)
