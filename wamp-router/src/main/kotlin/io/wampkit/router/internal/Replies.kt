package io.wampkit.router.internal

import io.wampkit.message.Error
import io.wampkit.value.WampDict
import io.wampkit.value.wampListOf

/** An ERROR answering [requestType]/[request] with [uri] and a human-readable message in args. */
internal fun RouterSession.error(requestType: Int, request: Long, uri: String, message: String): Delivery =
    Delivery(this, Error(requestType, request, WampDict.EMPTY, uri, wampListOf(message)))
