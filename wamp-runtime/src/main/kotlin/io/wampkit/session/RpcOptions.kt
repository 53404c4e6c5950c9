package io.wampkit.session

import io.wampkit.value.WampBool
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampString
import io.wampkit.value.WampValue

/** How a registration matches called URIs (`REGISTER.Options.match`, pattern-based registrations); [wire] is the option's value. */
public enum class MatchPolicy(public val wire: String) {
    /** Only calls of exactly the registered URI (the default). */
    EXACT("exact"),

    /** Calls of any URI that starts with the registered one, e.g. `com.myapp.user` serves `com.myapp.user.get`. */
    PREFIX("prefix"),

    /** Calls of any URI matching the registered one, whose empty components match any component: `com.myapp..get`. */
    WILDCARD("wildcard"),
    ;

    /** Parsing the option. */
    public companion object {
        /** The policy named [wire]: null (no `match` option) is [EXACT]; an unknown name is null. */
        public fun fromWire(wire: String?): MatchPolicy? = if (wire == null) EXACT else entries.firstOrNull { it.wire == wire }
    }
}

/** Which callee of a shared registration gets a call (`REGISTER.Options.invoke`); [wire] is the option's value. */
public enum class InvokePolicy(public val wire: String) {
    /** One callee only; a second REGISTER fails with `wamp.error.procedure_already_exists` (the default). */
    SINGLE("single"),

    /** The callees in turn, in registration order. */
    ROUNDROBIN("roundrobin"),

    /** A callee picked at random for each call. */
    RANDOM("random"),

    /** The callee that registered first (hot stand-by). */
    FIRST("first"),

    /** The callee that registered last. */
    LAST("last"),
    ;

    /** Parsing the option. */
    public companion object {
        /** The policy named [wire]: null (no `invoke` option) is [SINGLE]; an unknown name is null. */
        public fun fromWire(wire: String?): InvokePolicy? = if (wire == null) SINGLE else entries.firstOrNull { it.wire == wire }
    }
}

/**
 * REGISTER.Options for [WampSession.register]: [match] policy, [invoke] policy of a shared registration,
 * and Crossbar.io's [forceReregister] (the router unregisters whoever holds the URI and hands it to this
 * callee). [extra] options are added as they are. Defaults produce no option at all.
 * ```
 * session.register("com.myapp.user.", registerOptions(match = MatchPolicy.PREFIX)) { inv -> ... }
 * ```
 */
public fun registerOptions(
    match: MatchPolicy = MatchPolicy.EXACT,
    invoke: InvokePolicy = InvokePolicy.SINGLE,
    forceReregister: Boolean = false,
    extra: WampDict = WampDict.EMPTY,
): WampDict {
    val map = LinkedHashMap<String, WampValue>(extra)
    if (match != MatchPolicy.EXACT) map["match"] = WampString(match.wire)
    if (invoke != InvokePolicy.SINGLE) map["invoke"] = WampString(invoke.wire)
    if (forceReregister) map["force_reregister"] = WampBool(true)
    return if (map.isEmpty()) WampDict.EMPTY else WampDict(map)
}

/**
 * CALL.Options for [WampSession.call] and [WampSession.callProgressive]: [timeoutMillis] (> 0: the dealer
 * cancels the call after that long and the caller gets `wamp.error.timeout`; 0: no timeout) and
 * [discloseMe] (the callee learns the caller's session id, authid and authrole). [extra] options are added
 * as they are.
 */
public fun callOptions(
    timeoutMillis: Long = 0,
    discloseMe: Boolean = false,
    extra: WampDict = WampDict.EMPTY,
): WampDict {
    require(timeoutMillis >= 0) { "timeoutMillis must be >= 0, was $timeoutMillis" }
    val map = LinkedHashMap<String, WampValue>(extra)
    if (timeoutMillis > 0) map["timeout"] = WampInt(timeoutMillis)
    if (discloseMe) map["disclose_me"] = WampBool(true)
    return if (map.isEmpty()) WampDict.EMPTY else WampDict(map)
}
