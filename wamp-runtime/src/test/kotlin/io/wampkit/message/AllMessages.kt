package io.wampkit.message

import io.wampkit.value.WampDict
import io.wampkit.value.WampList
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf

/** One instance of every WAMP message type, with payload where the type carries one. */
object AllMessages {
    private val d = wampDictOf("k" to "v", "n" to 1)
    private val args = wampListOf(1, "two", 3.5, true, null, listOf(1, listOf(2)), mapOf("x" to "ü"))
    private val kwargs = wampDictOf("name" to "Zoë", "nested" to mapOf("a" to listOf(1, 2)))
    private const val MAX = WampUris.MAX_ID

    val withPayload: List<WampMessage> = listOf(
        Hello("realm1", d),
        Welcome(MAX, d),
        Abort(d, "wamp.error.no_such_realm"),
        Challenge("wampcra", d),
        Authenticate("signature", d),
        Goodbye(d, "wamp.close.normal"),
        Error(MessageCode.CALL, 1, d, "com.example.error", args, kwargs),
        Publish(2, d, "com.example.topic", args, kwargs),
        Published(2, MAX),
        Subscribe(3, d, "com.example.topic"),
        Subscribed(3, 4),
        Unsubscribe(5, 4),
        Unsubscribed(5),
        Event(4, 6, d, args, kwargs),
        Call(7, d, "com.example.add2", args, kwargs),
        Cancel(7, wampDictOf("mode" to "kill")),
        Result(7, d, args, kwargs),
        Register(8, d, "com.example.add2"),
        Registered(8, 9),
        Unregister(10, 9),
        Unregistered(10),
        Invocation(11, 9, d, args, kwargs),
        Interrupt(11, wampDictOf("mode" to "kill")),
        Yield(11, d, args, kwargs),
    )

    /** The payload-carrying messages with args only, and with no payload at all. */
    val argsOnly: List<PayloadMessage> = listOf(
        Error(MessageCode.INVOCATION, 1, WampDict.EMPTY, "com.example.error", args),
        Publish(2, WampDict.EMPTY, "com.example.topic", args),
        Event(4, 6, WampDict.EMPTY, args),
        Call(7, WampDict.EMPTY, "com.example.add2", args),
        Result(7, WampDict.EMPTY, args),
        Invocation(11, 9, WampDict.EMPTY, args),
        Yield(11, WampDict.EMPTY, args),
    )

    val noPayload: List<PayloadMessage> = listOf(
        Error(MessageCode.REGISTER, 1, WampDict.EMPTY, "wamp.error.procedure_already_exists"),
        Publish(2, WampDict.EMPTY, "com.example.topic"),
        Event(4, 6, WampDict.EMPTY),
        Call(7, WampDict.EMPTY, "com.example.add2"),
        Result(7, WampDict.EMPTY),
        Invocation(11, 9, WampDict.EMPTY),
        Yield(11, WampDict.EMPTY),
    )

    /** Kwargs without args: the list form must still carry an empty args list before the dict. */
    val kwargsOnly: List<PayloadMessage> = listOf(
        Call(7, WampDict.EMPTY, "com.example.add2", WampList.EMPTY, kwargs),
        Result(7, WampDict.EMPTY, WampList.EMPTY, kwargs),
    )
}
