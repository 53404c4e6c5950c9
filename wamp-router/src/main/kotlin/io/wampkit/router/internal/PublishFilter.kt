package io.wampkit.router.internal

import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.WampString

/**
 * Subscriber black- and whitelisting of one publication (`PUBLISH.Options.eligible*` / `exclude*`). A
 * subscriber receives the event only if it is in every whitelist present and in no blacklist present; an
 * empty whitelist admits nobody. Retained events keep the filter of their publication.
 */
internal class PublishFilter private constructor(
    private val eligible: Set<Long>?,
    private val eligibleAuthId: Set<String>?,
    private val eligibleAuthRole: Set<String>?,
    private val exclude: Set<Long>?,
    private val excludeAuthId: Set<String>?,
    private val excludeAuthRole: Set<String>?,
) {
    /** True when any of the six options is present. */
    val isRestricted: Boolean = eligible != null || eligibleAuthId != null || eligibleAuthRole != null ||
        exclude != null || excludeAuthId != null || excludeAuthRole != null

    /** True when [session] may receive the publication. */
    fun admits(session: RouterSession): Boolean = !isRestricted || admits(session.id, session.identity)

    /** True when the session [id] with [identity] may receive the publication. */
    fun admits(id: Long, identity: SessionIdentity): Boolean {
        return (eligible == null || id in eligible) &&
            (eligibleAuthId == null || identity.authId in eligibleAuthId) &&
            (eligibleAuthRole == null || identity.authRole in eligibleAuthRole) &&
            (exclude == null || id !in exclude) &&
            (excludeAuthId == null || identity.authId !in excludeAuthId) &&
            (excludeAuthRole == null || identity.authRole !in excludeAuthRole)
    }

    companion object {
        val NONE: PublishFilter = PublishFilter(null, null, null, null, null, null)

        private val KEYS = arrayOf("eligible", "eligible_authid", "eligible_authrole", "exclude", "exclude_authid", "exclude_authrole")

        /**
         * Reads the six options of [options]; [NONE] when none is present.
         * @throws IllegalArgumentException when one is not a list of session ids (ints) or of strings.
         */
        fun of(options: WampDict): PublishFilter {
            if (options.isEmpty() || KEYS.none { it in options }) return NONE
            return PublishFilter(
                ids(options, "eligible"), strings(options, "eligible_authid"), strings(options, "eligible_authrole"),
                ids(options, "exclude"), strings(options, "exclude_authid"), strings(options, "exclude_authrole"),
            )
        }

        private fun ids(options: WampDict, key: String): Set<Long>? {
            val list = list(options, key) ?: return null
            return list.mapTo(HashSet(list.size)) {
                requireNotNull((it as? WampInt)?.value) { "PUBLISH.Options.$key must be a list of session ids" }
            }
        }

        private fun strings(options: WampDict, key: String): Set<String>? {
            val list = list(options, key) ?: return null
            return list.mapTo(HashSet(list.size)) {
                requireNotNull((it as? WampString)?.value) { "PUBLISH.Options.$key must be a list of strings" }
            }
        }

        private fun list(options: WampDict, key: String): WampList? {
            val value = options[key] ?: return null
            return requireNotNull(value as? WampList) { "PUBLISH.Options.$key must be a list" }
        }
    }
}
