package io.wampkit.session

import io.wampkit.value.WampDict
import io.wampkit.value.WampList
import io.wampkit.value.wampListOf

/**
 * The payload of a RESULT (for a caller) or of a YIELD (what a callee's handler returns).
 * [details] are the RESULT details; a callee leaves them empty.
 */
public data class CallResult(
    val args: WampList = WampList.EMPTY,
    val kwargs: WampDict = WampDict.EMPTY,
    val details: WampDict = WampDict.EMPTY,
) {
    /** True for a progressive result of [WampSession.callProgressive] (RESULT.Details.progress). */
    val isProgress: Boolean get() = details.boolean("progress") == true

    public companion object {
        /** No payload. */
        public val EMPTY: CallResult = CallResult()

        /** A result of positional values (see [io.wampkit.value.toWampValue] for the accepted types). */
        public fun of(vararg args: Any?): CallResult = CallResult(wampListOf(*args))
    }
}
