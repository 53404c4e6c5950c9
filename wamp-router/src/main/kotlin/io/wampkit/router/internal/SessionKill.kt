package io.wampkit.router.internal

import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.message.WampUris
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf

/**
 * The kill procedures of the spec's Session Meta API: `wamp.session.kill` (one session by id),
 * `kill_by_authid`, `kill_by_authrole` and `kill_all`. A killed session gets GOODBYE with the keyword
 * argument `reason` (default `wamp.close.killed`) and `message`; its answer ends it. The caller never kills
 * itself: `kill` of its own id is `wamp.error.no_such_session`, the others skip it.
 */
internal fun MetaProcedures.addSessionKill(sessions: Map<Long, RouterSession>) {
    fun kill(call: MetaCall, targets: List<RouterSession>): List<RouterSession> {
        val reason = call.optionalKwString("reason") ?: KILLED
        if (!WampUris.isValidUri(reason)) {
            throw WampException(WampErrors.INVALID_URI, wampListOf("${call.procedure}: reason '$reason' is not a valid URI"))
        }
        val details = call.optionalKwString("message")?.let { wampDictOf("message" to it) } ?: WampDict.EMPTY
        val killed = targets.filter { it !== call.caller }
        for (s in killed) call.effects += Delivery(s, s.goodbyeFromRouter(details, reason))
        return killed
    }
    add("wamp.session.kill") { call ->
        val id = call.id(0, "session")
        val target = sessions[id]?.takeIf { it !== call.caller }
            ?: throw WampException(WampErrors.NO_SUCH_SESSION, wampListOf("no other session $id in this realm"))
        kill(call, listOf(target))
        MetaProcedures.NO_RESULT
    }
    add("wamp.session.kill_by_authid") { call ->
        val authId = call.string(0, "authid")
        WampList(kill(call, sessions.values.filter { it.identity.authId == authId }).map { WampInt(it.id) })
    }
    add("wamp.session.kill_by_authrole") { call ->
        val authRole = call.string(0, "authrole")
        WampInt(kill(call, sessions.values.filter { it.identity.authRole == authRole }).size.toLong())
    }
    add("wamp.session.kill_all") { call -> WampInt(kill(call, sessions.values.toList()).size.toLong()) }
}

private const val KILLED = "wamp.close.killed"
