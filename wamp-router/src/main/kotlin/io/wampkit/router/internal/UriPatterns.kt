package io.wampkit.router.internal

import io.wampkit.message.WampUris
import io.wampkit.session.MatchPolicy
import io.wampkit.session.TopicMatch

/** True when [uri] is a valid REGISTER URI for [match]: the rule of [WampUris] for that match policy. */
internal fun isValidRegistrationUri(uri: String, match: MatchPolicy): Boolean = when (match) {
    MatchPolicy.EXACT -> WampUris.isValidUri(uri)
    MatchPolicy.PREFIX -> WampUris.isValidPrefixPattern(uri)
    MatchPolicy.WILDCARD -> WampUris.isValidWildcardPattern(uri)
}

/** True when [uri] is a valid SUBSCRIBE topic for this match policy: the rule of [WampUris] for it. */
internal fun TopicMatch.isValid(uri: String): Boolean = when (this) {
    TopicMatch.EXACT -> WampUris.isValidUri(uri)
    TopicMatch.PREFIX -> WampUris.isValidPrefixPattern(uri)
    TopicMatch.WILDCARD -> WampUris.isValidWildcardPattern(uri)
}
