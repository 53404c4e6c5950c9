package io.wampkit.message

import io.wampkit.value.WampDict
import io.wampkit.value.WampList

/**
 * One WAMP v2 message. Every message type of the basic and advanced profiles has one class here;
 * [WampCodec] converts between a message and its list form `[TYPE, ...]`.
 */
public sealed interface WampMessage {
    /** The message type code, e.g. 1 for HELLO. */
    public val code: Int
}

/** A message that carries application payload: positional [args] and keyword [kwargs] (empty when absent). */
public sealed interface PayloadMessage : WampMessage {
    public val args: WampList
    public val kwargs: WampDict
}

/** A message that answers or refers to a request by its [request] id. */
public sealed interface RequestMessage : WampMessage {
    public val request: Long
}

/** Message type codes of WAMP v2. */
public object MessageCode {
    public const val HELLO: Int = 1
    public const val WELCOME: Int = 2
    public const val ABORT: Int = 3
    public const val CHALLENGE: Int = 4
    public const val AUTHENTICATE: Int = 5
    public const val GOODBYE: Int = 6
    public const val ERROR: Int = 8
    public const val PUBLISH: Int = 16
    public const val PUBLISHED: Int = 17
    public const val SUBSCRIBE: Int = 32
    public const val SUBSCRIBED: Int = 33
    public const val UNSUBSCRIBE: Int = 34
    public const val UNSUBSCRIBED: Int = 35
    public const val EVENT: Int = 36
    public const val CALL: Int = 48
    public const val CANCEL: Int = 49
    public const val RESULT: Int = 50
    public const val REGISTER: Int = 64
    public const val REGISTERED: Int = 65
    public const val UNREGISTER: Int = 66
    public const val UNREGISTERED: Int = 67
    public const val INVOCATION: Int = 68
    public const val INTERRUPT: Int = 69
    public const val YIELD: Int = 70

    /** The protocol name of a code (`"CALL"`), or `"UNKNOWN(n)"`. */
    public fun name(code: Int): String = when (code) {
        HELLO -> "HELLO"; WELCOME -> "WELCOME"; ABORT -> "ABORT"; CHALLENGE -> "CHALLENGE"
        AUTHENTICATE -> "AUTHENTICATE"; GOODBYE -> "GOODBYE"; ERROR -> "ERROR"; PUBLISH -> "PUBLISH"
        PUBLISHED -> "PUBLISHED"; SUBSCRIBE -> "SUBSCRIBE"; SUBSCRIBED -> "SUBSCRIBED"
        UNSUBSCRIBE -> "UNSUBSCRIBE"; UNSUBSCRIBED -> "UNSUBSCRIBED"; EVENT -> "EVENT"; CALL -> "CALL"
        CANCEL -> "CANCEL"; RESULT -> "RESULT"; REGISTER -> "REGISTER"; REGISTERED -> "REGISTERED"
        UNREGISTER -> "UNREGISTER"; UNREGISTERED -> "UNREGISTERED"; INVOCATION -> "INVOCATION"
        INTERRUPT -> "INTERRUPT"; YIELD -> "YIELD"
        else -> "UNKNOWN($code)"
    }
}
