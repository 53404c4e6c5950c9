package io.wampkit.message

import io.wampkit.value.WampDict
import io.wampkit.value.WampList

/** `[CALL, Request|id, Options|dict, Procedure|uri, Arguments|list, ArgumentsKw|dict]` */
public data class Call(
    override val request: Long,
    val options: WampDict,
    val procedure: String,
    override val args: WampList = WampList.EMPTY,
    override val kwargs: WampDict = WampDict.EMPTY,
) : RequestMessage, PayloadMessage {
    override val code: Int get() = MessageCode.CALL
}

/** `[CANCEL, CALL.Request|id, Options|dict]` */
public data class Cancel(override val request: Long, val options: WampDict) : RequestMessage {
    override val code: Int get() = MessageCode.CANCEL
}

/** `[RESULT, CALL.Request|id, Details|dict, YIELD.Arguments|list, YIELD.ArgumentsKw|dict]` */
public data class Result(
    override val request: Long,
    val details: WampDict,
    override val args: WampList = WampList.EMPTY,
    override val kwargs: WampDict = WampDict.EMPTY,
) : RequestMessage, PayloadMessage {
    override val code: Int get() = MessageCode.RESULT
}

/** `[REGISTER, Request|id, Options|dict, Procedure|uri]` */
public data class Register(override val request: Long, val options: WampDict, val procedure: String) : RequestMessage {
    override val code: Int get() = MessageCode.REGISTER
}

/** `[REGISTERED, REGISTER.Request|id, Registration|id]` */
public data class Registered(override val request: Long, val registration: Long) : RequestMessage {
    override val code: Int get() = MessageCode.REGISTERED
}

/** `[UNREGISTER, Request|id, REGISTERED.Registration|id]` */
public data class Unregister(override val request: Long, val registration: Long) : RequestMessage {
    override val code: Int get() = MessageCode.UNREGISTER
}

/**
 * `[UNREGISTERED, UNREGISTER.Request|id]`, or the router's revocation of a registration (registration
 * revocation, e.g. Crossbar.io's `force_reregister`): `[UNREGISTERED, 0, Details|dict]` with
 * `Details.registration` and optionally `Details.reason`. [details] is empty for the plain form.
 */
public data class Unregistered(override val request: Long, val details: WampDict = WampDict.EMPTY) : RequestMessage {
    /** True for a router-initiated revocation (request 0). */
    val isRevocation: Boolean get() = request == 0L
    override val code: Int get() = MessageCode.UNREGISTERED
}

/** `[INVOCATION, Request|id, REGISTERED.Registration|id, Details|dict, CALL.Arguments|list, CALL.ArgumentsKw|dict]` */
public data class Invocation(
    override val request: Long,
    val registration: Long,
    val details: WampDict,
    override val args: WampList = WampList.EMPTY,
    override val kwargs: WampDict = WampDict.EMPTY,
) : RequestMessage, PayloadMessage {
    override val code: Int get() = MessageCode.INVOCATION
}

/** `[INTERRUPT, INVOCATION.Request|id, Options|dict]` */
public data class Interrupt(override val request: Long, val options: WampDict) : RequestMessage {
    override val code: Int get() = MessageCode.INTERRUPT
}

/** `[YIELD, INVOCATION.Request|id, Options|dict, Arguments|list, ArgumentsKw|dict]` */
public data class Yield(
    override val request: Long,
    val options: WampDict,
    override val args: WampList = WampList.EMPTY,
    override val kwargs: WampDict = WampDict.EMPTY,
) : RequestMessage, PayloadMessage {
    override val code: Int get() = MessageCode.YIELD
}
