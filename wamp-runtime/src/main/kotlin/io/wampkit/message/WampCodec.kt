package io.wampkit.message

import io.wampkit.message.MessageCode as C
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.WampString
import io.wampkit.value.WampValue

/**
 * Converts between [WampMessage]s and their list form. [decode] validates strictly (element count and
 * types, ids in 1..2^53, URI syntax) and never throws: invalid input yields [DecodeResult.Failure].
 */
public object WampCodec {

    /** The list form of [message]. Empty trailing payload (no kwargs, no args) is omitted, as the spec asks. */
    public fun encode(message: WampMessage): WampList {
        val out = ArrayList<WampValue>(7)
        out.add(WampInt(message.code.toLong()))
        when (message) {
            is Hello -> out.push(WampString(message.realm), message.details)
            is Welcome -> out.push(id(message.session), message.details)
            is Abort -> out.push(message.details, WampString(message.reason))
            is Challenge -> out.push(WampString(message.authMethod), message.extra)
            is Authenticate -> out.push(WampString(message.signature), message.extra)
            is Goodbye -> out.push(message.details, WampString(message.reason))
            is Error -> out.push(
                WampInt(message.requestType.toLong()), id(message.request), message.details, WampString(message.error),
            )
            is Publish -> out.push(id(message.request), message.options, WampString(message.topic))
            is Published -> out.push(id(message.request), id(message.publication))
            is Subscribe -> out.push(id(message.request), message.options, WampString(message.topic))
            is Subscribed -> out.push(id(message.request), id(message.subscription))
            is Unsubscribe -> out.push(id(message.request), id(message.subscription))
            is Unsubscribed -> out.push(id(message.request))
            is Event -> out.push(id(message.subscription), id(message.publication), message.details)
            is Call -> out.push(id(message.request), message.options, WampString(message.procedure))
            is Cancel -> out.push(id(message.request), message.options)
            is Result -> out.push(id(message.request), message.details)
            is Register -> out.push(id(message.request), message.options, WampString(message.procedure))
            is Registered -> out.push(id(message.request), id(message.registration))
            is Unregister -> out.push(id(message.request), id(message.registration))
            is Unregistered -> {
                out.push(WampInt(message.request))
                if (message.isRevocation || message.details.isNotEmpty()) out.add(message.details)
            }
            is Invocation -> out.push(id(message.request), id(message.registration), message.details)
            is Interrupt -> out.push(id(message.request), message.options)
            is Yield -> out.push(id(message.request), message.options)
        }
        if (message is PayloadMessage) {
            if (message.kwargs.isNotEmpty()) out.push(message.args, message.kwargs)
            else if (message.args.isNotEmpty()) out.add(message.args)
        }
        return WampList(out)
    }

    /** Validates [value] and builds the message it stands for. Never throws. */
    public fun decode(value: WampValue): DecodeResult {
        if (value !is WampList || value.isEmpty()) return DecodeResult.Failure("a WAMP message must be a non-empty list")
        val typeCode = (value[0] as? WampInt)?.value
            ?: return DecodeResult.Failure("the first element of a WAMP message must be an integer type code")
        if (typeCode !in 0..MAX_TYPE_CODE) return DecodeResult.Failure("unknown message type $typeCode")
        return try {
            DecodeResult.Success(MessageReader(value, typeCode).read())
        } catch (e: InvalidMessage) {
            DecodeResult.Failure(e.message)
        }
    }

    private fun id(v: Long): WampValue = WampInt(v)

    private fun ArrayList<WampValue>.push(vararg values: WampValue) {
        for (v in values) add(v)
    }
}

private const val MAX_TYPE_CODE = 255L

private class InvalidMessage(override val message: String) : Exception(message, null, false, false)

/** Reads the elements of one message list, position by position, naming what is wrong. */
private class MessageReader(private val list: WampList, private val code: Long) {
    private val name = C.name(code.toInt())

    fun read(): WampMessage = when (code.toInt()) {
        C.HELLO -> sized(3, 3) { Hello(uri(1, "Realm"), dict(2, "Details")) }
        C.WELCOME -> sized(3, 3) { Welcome(id(1, "Session"), dict(2, "Details")) }
        C.ABORT -> sized(3, 3) { Abort(dict(1, "Details"), uri(2, "Reason")) }
        C.CHALLENGE -> sized(3, 3) { Challenge(string(1, "AuthMethod"), dict(2, "Extra")) }
        C.AUTHENTICATE -> sized(3, 3) { Authenticate(string(1, "Signature"), dict(2, "Extra")) }
        C.GOODBYE -> sized(3, 3) { Goodbye(dict(1, "Details"), uri(2, "Reason")) }
        C.ERROR -> sized(5, 7) {
            val type = int(1, "REQUEST.Type")
            if (type !in ERROR_REQUEST_TYPES) fail("REQUEST.Type $type cannot be answered by ERROR")
            Error(type.toInt(), id(2, "REQUEST.Request"), dict(3, "Details"), uri(4, "Error"), args(5), kwargs(6))
        }
        C.PUBLISH -> sized(4, 6) { Publish(id(1, "Request"), dict(2, "Options"), uri(3, "Topic"), args(4), kwargs(5)) }
        C.PUBLISHED -> sized(3, 3) { Published(id(1, "PUBLISH.Request"), id(2, "Publication")) }
        C.SUBSCRIBE -> sized(4, 4) {
            val options = dict(2, "Options")
            Subscribe(id(1, "Request"), options, uri(3, "Topic", patternAllowed(options)))
        }
        C.SUBSCRIBED -> sized(3, 3) { Subscribed(id(1, "SUBSCRIBE.Request"), id(2, "Subscription")) }
        C.UNSUBSCRIBE -> sized(3, 3) { Unsubscribe(id(1, "Request"), id(2, "SUBSCRIBED.Subscription")) }
        C.UNSUBSCRIBED -> sized(2, 2) { Unsubscribed(id(1, "UNSUBSCRIBE.Request")) }
        C.EVENT -> sized(4, 6) {
            Event(id(1, "SUBSCRIBED.Subscription"), id(2, "PUBLISHED.Publication"), dict(3, "Details"), args(4), kwargs(5))
        }
        C.CALL -> sized(4, 6) { Call(id(1, "Request"), dict(2, "Options"), uri(3, "Procedure"), args(4), kwargs(5)) }
        C.CANCEL -> sized(3, 3) { Cancel(id(1, "CALL.Request"), dict(2, "Options")) }
        C.RESULT -> sized(3, 5) { Result(id(1, "CALL.Request"), dict(2, "Details"), args(3), kwargs(4)) }
        C.REGISTER -> sized(4, 4) {
            val options = dict(2, "Options")
            Register(id(1, "Request"), options, uri(3, "Procedure", patternAllowed(options)))
        }
        C.REGISTERED -> sized(3, 3) { Registered(id(1, "REGISTER.Request"), id(2, "Registration")) }
        C.UNREGISTER -> sized(3, 3) { Unregister(id(1, "Request"), id(2, "REGISTERED.Registration")) }
        C.UNREGISTERED -> sized(2, 3) {
            if (list.size == 2) Unregistered(id(1, "UNREGISTER.Request")) else revocation()
        }
        C.INVOCATION -> sized(4, 6) {
            Invocation(id(1, "Request"), id(2, "REGISTERED.Registration"), dict(3, "Details"), args(4), kwargs(5))
        }
        C.INTERRUPT -> sized(3, 3) { Interrupt(id(1, "INVOCATION.Request"), dict(2, "Options")) }
        C.YIELD -> sized(3, 5) { Yield(id(1, "INVOCATION.Request"), dict(2, "Options"), args(3), kwargs(4)) }
        else -> fail("unknown message type $code")
    }

    private inline fun sized(min: Int, max: Int, build: () -> WampMessage): WampMessage {
        if (list.size < min || list.size > max) {
            val expected = if (min == max) "$min" else "$min to $max"
            fail("$name must have $expected elements, got ${list.size}")
        }
        return build()
    }

    private fun fail(reason: String): Nothing = throw InvalidMessage(reason)

    /** `[UNREGISTERED, 0, Details]` (registration revocation) or a plain reply that carries Details. */
    private fun revocation(): Unregistered {
        val details = dict(2, "Details")
        if ((list[1] as? WampInt)?.value == 0L) {
            val registration = (details["registration"] as? WampInt)?.value
            if (registration == null || !WampUris.isValidId(registration)) fail("$name Details.registration must be an id")
            return Unregistered(0, details)
        }
        return Unregistered(id(1, "UNREGISTER.Request"), details)
    }

    private fun id(i: Int, what: String): Long {
        val v = (list[i] as? WampInt)?.value ?: fail("$name $what must be an integer id, got ${typeName(list[i])}")
        if (!WampUris.isValidId(v)) fail("$name $what $v is outside 1..2^53")
        return v
    }

    private fun int(i: Int, what: String): Long =
        (list[i] as? WampInt)?.value ?: fail("$name $what must be an integer, got ${typeName(list[i])}")

    private fun string(i: Int, what: String): String =
        (list[i] as? WampString)?.value ?: fail("$name $what must be a string, got ${typeName(list[i])}")

    private fun uri(i: Int, what: String, allowEmptyComponents: Boolean = false): String {
        val s = string(i, what)
        if (!WampUris.isValidUri(s, allowEmptyComponents)) fail("$name $what '${s.take(MAX_QUOTED)}' is not a valid URI")
        return s
    }

    private fun dict(i: Int, what: String): WampDict =
        list[i] as? WampDict ?: fail("$name $what must be a dict, got ${typeName(list[i])}")

    private fun args(i: Int): WampList =
        if (i >= list.size) WampList.EMPTY
        else list[i] as? WampList ?: fail("$name Arguments must be a list, got ${typeName(list[i])}")

    private fun kwargs(i: Int): WampDict =
        if (i >= list.size) WampDict.EMPTY
        else list[i] as? WampDict ?: fail("$name ArgumentsKw must be a dict, got ${typeName(list[i])}")

    private fun patternAllowed(options: WampDict): Boolean = when (options.string("match")) {
        "prefix", "wildcard" -> true
        else -> false
    }

    private fun typeName(v: WampValue): String = when (v) {
        is WampList -> "list"
        is WampDict -> "dict"
        is WampString -> "string"
        is WampInt -> "integer"
        else -> v::class.simpleName?.removePrefix("Wamp")?.lowercase() ?: "value"
    }

    private companion object {
        const val MAX_QUOTED = 80
        val ERROR_REQUEST_TYPES = setOf(
            C.SUBSCRIBE, C.UNSUBSCRIBE, C.PUBLISH, C.REGISTER, C.UNREGISTER, C.CALL, C.INVOCATION, C.CANCEL,
        ).map { it.toLong() }.toSet()
    }
}
