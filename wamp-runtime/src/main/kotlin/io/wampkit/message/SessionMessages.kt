package io.wampkit.message

import io.wampkit.value.WampDict
import io.wampkit.value.WampList

/** `[HELLO, Realm|uri, Details|dict]` */
public data class Hello(val realm: String, val details: WampDict) : WampMessage {
    override val code: Int get() = MessageCode.HELLO
}

/** `[WELCOME, Session|id, Details|dict]` */
public data class Welcome(val session: Long, val details: WampDict) : WampMessage {
    override val code: Int get() = MessageCode.WELCOME
}

/** `[ABORT, Details|dict, Reason|uri]` */
public data class Abort(val details: WampDict, val reason: String) : WampMessage {
    override val code: Int get() = MessageCode.ABORT
}

/** `[CHALLENGE, AuthMethod|string, Extra|dict]` */
public data class Challenge(val authMethod: String, val extra: WampDict) : WampMessage {
    override val code: Int get() = MessageCode.CHALLENGE
}

/** `[AUTHENTICATE, Signature|string, Extra|dict]`. [toString] hides the signature. */
public data class Authenticate(val signature: String, val extra: WampDict) : WampMessage {
    override val code: Int get() = MessageCode.AUTHENTICATE
    override fun toString(): String = "Authenticate(signature=***, extra=$extra)"
}

/** `[GOODBYE, Details|dict, Reason|uri]` */
public data class Goodbye(val details: WampDict, val reason: String) : WampMessage {
    override val code: Int get() = MessageCode.GOODBYE
}

/** `[ERROR, REQUEST.Type|int, REQUEST.Request|id, Details|dict, Error|uri, Arguments|list, ArgumentsKw|dict]` */
public data class Error(
    val requestType: Int,
    override val request: Long,
    val details: WampDict,
    val error: String,
    override val args: WampList = WampList.EMPTY,
    override val kwargs: WampDict = WampDict.EMPTY,
) : RequestMessage, PayloadMessage {
    override val code: Int get() = MessageCode.ERROR
}
