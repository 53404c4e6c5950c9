package io.wampkit.session

import io.wampkit.value.WampBool
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.WampString
import io.wampkit.value.WampValue

/** How a subscription matches topics (`SUBSCRIBE.Options.match`). */
public enum class TopicMatch(
    /** The value on the wire. */
    public val wire: String,
) {
    /** Only the topic itself (the default). */
    EXACT("exact"),

    /** Every topic that starts with the subscribed string, e.g. `com.myapp.` or `com.myapp.topic`. */
    PREFIX("prefix"),

    /** Topics with the same number of components, where empty components match any: `com.myapp..userevent`. */
    WILDCARD("wildcard"),
    ;

    /** Parsing the option. */
    public companion object {
        /** The policy named [wire]: null (no `match` option) is [EXACT]; an unknown name is null. */
        public fun fromWire(wire: String?): TopicMatch? = if (wire == null) EXACT else entries.firstOrNull { it.wire == wire }
    }
}

/**
 * `SUBSCRIBE.Options` for [WampSession.subscribe] and [WampSession.events]:
 * ```
 * session.events("com.myapp.", subscribeOptions(match = TopicMatch.PREFIX, getRetained = true))
 * ```
 * [match] other than exact needs the broker feature `pattern_based_subscription`; [getRetained] (deliver the
 * topic's retained events right after subscribing) needs `event_retention`. [extra] entries are added as is.
 */
public fun subscribeOptions(
    match: TopicMatch = TopicMatch.EXACT,
    getRetained: Boolean = false,
    extra: WampDict = WampDict.EMPTY,
): WampDict {
    val map = LinkedHashMap<String, WampValue>(extra.map)
    if (match != TopicMatch.EXACT) map["match"] = WampString(match.wire)
    if (getRetained) map["get_retained"] = WampBool(true)
    return WampDict(map)
}

/**
 * `PUBLISH.Options` for [WampSession.publish] (whose `acknowledge` and `excludeMe` parameters stay separate):
 * ```
 * session.publish("com.myapp.price", wampListOf(42), options = publishOptions(eligibleAuthRole = listOf("manager")))
 * ```
 * The six lists restrict the receivers (subscriber black/whitelisting, broker feature
 * `subscriber_blackwhite_listing`): a subscriber receives the event only when it is in every `eligible*` list
 * given and in no `exclude*` list given; null leaves a list out, an empty `eligible*` list admits nobody.
 * [retain] asks the broker to keep the event as the topic's retained event (`event_retention`);
 * [discloseMe] reveals this session's id, authid and authrole to subscribers. [extra] entries are added as is.
 */
public fun publishOptions(
    exclude: Collection<Long>? = null,
    excludeAuthId: Collection<String>? = null,
    excludeAuthRole: Collection<String>? = null,
    eligible: Collection<Long>? = null,
    eligibleAuthId: Collection<String>? = null,
    eligibleAuthRole: Collection<String>? = null,
    retain: Boolean = false,
    discloseMe: Boolean = false,
    extra: WampDict = WampDict.EMPTY,
): WampDict {
    val map = LinkedHashMap<String, WampValue>(extra.map)
    exclude?.let { ids -> map["exclude"] = WampList(ids.map { WampInt(it) }) }
    excludeAuthId?.let { map["exclude_authid"] = strings(it) }
    excludeAuthRole?.let { map["exclude_authrole"] = strings(it) }
    eligible?.let { ids -> map["eligible"] = WampList(ids.map { WampInt(it) }) }
    eligibleAuthId?.let { map["eligible_authid"] = strings(it) }
    eligibleAuthRole?.let { map["eligible_authrole"] = strings(it) }
    if (retain) map["retain"] = WampBool(true)
    if (discloseMe) map["disclose_me"] = WampBool(true)
    return WampDict(map)
}

private fun strings(values: Collection<String>): WampList = WampList(values.map { WampString(it) })
