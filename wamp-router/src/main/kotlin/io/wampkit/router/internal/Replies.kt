package io.wampkit.router.internal

import io.wampkit.WampErrors
import io.wampkit.message.Error
import io.wampkit.message.WampUris
import io.wampkit.value.WampDict
import io.wampkit.value.wampListOf

/** An ERROR answering [requestType]/[request] with [uri] and a human-readable message in args. */
internal fun RouterSession.error(requestType: Int, request: Long, uri: String, message: String): Delivery =
    Delivery(this, Error(requestType, request, WampDict.EMPTY, uri, wampListOf(message)))

/**
 * The ERROR for a REGISTER or SUBSCRIBE this router cannot serve (a pattern match policy, which is not
 * implemented yet, or an invalid URI), or null when [uri] is a valid exact-match URI.
 */
internal fun RouterSession.rejectUnlessExact(requestType: Int, request: Long, options: WampDict, uri: String): Delivery? {
    val match = options.string("match") ?: "exact"
    return when {
        match != "exact" -> error(requestType, request, WampErrors.INVALID_ARGUMENT, "match policy '$match' is not supported")
        !WampUris.isValidUri(uri) -> error(requestType, request, WampErrors.INVALID_URI, "'$uri' is not a valid URI")
        else -> null
    }
}
