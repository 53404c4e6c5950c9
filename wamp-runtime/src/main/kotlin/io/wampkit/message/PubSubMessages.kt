package io.wampkit.message

import io.wampkit.value.WampDict
import io.wampkit.value.WampList

/** `[PUBLISH, Request|id, Options|dict, Topic|uri, Arguments|list, ArgumentsKw|dict]` */
public data class Publish(
    override val request: Long,
    val options: WampDict,
    val topic: String,
    override val args: WampList = WampList.EMPTY,
    override val kwargs: WampDict = WampDict.EMPTY,
) : RequestMessage, PayloadMessage {
    override val code: Int get() = MessageCode.PUBLISH
}

/** `[PUBLISHED, PUBLISH.Request|id, Publication|id]` */
public data class Published(override val request: Long, val publication: Long) : RequestMessage {
    override val code: Int get() = MessageCode.PUBLISHED
}

/** `[SUBSCRIBE, Request|id, Options|dict, Topic|uri]` */
public data class Subscribe(override val request: Long, val options: WampDict, val topic: String) : RequestMessage {
    override val code: Int get() = MessageCode.SUBSCRIBE
}

/** `[SUBSCRIBED, SUBSCRIBE.Request|id, Subscription|id]` */
public data class Subscribed(override val request: Long, val subscription: Long) : RequestMessage {
    override val code: Int get() = MessageCode.SUBSCRIBED
}

/** `[UNSUBSCRIBE, Request|id, SUBSCRIBED.Subscription|id]` */
public data class Unsubscribe(override val request: Long, val subscription: Long) : RequestMessage {
    override val code: Int get() = MessageCode.UNSUBSCRIBE
}

/** `[UNSUBSCRIBED, UNSUBSCRIBE.Request|id]` */
public data class Unsubscribed(override val request: Long) : RequestMessage {
    override val code: Int get() = MessageCode.UNSUBSCRIBED
}

/** `[EVENT, SUBSCRIBED.Subscription|id, PUBLISHED.Publication|id, Details|dict, Arguments|list, ArgumentsKw|dict]` */
public data class Event(
    val subscription: Long,
    val publication: Long,
    val details: WampDict,
    override val args: WampList = WampList.EMPTY,
    override val kwargs: WampDict = WampDict.EMPTY,
) : PayloadMessage {
    override val code: Int get() = MessageCode.EVENT
}
