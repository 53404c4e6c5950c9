package io.wampkit.router.internal

import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.message.Call
import io.wampkit.message.Error
import io.wampkit.message.MessageCode
import io.wampkit.message.Result
import io.wampkit.message.WampUris
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.WampNull
import io.wampkit.value.WampString
import io.wampkit.value.WampValue
import io.wampkit.value.wampListOf

/** One CALL of a meta procedure: who calls, and typed access to its arguments. */
internal class MetaCall(val caller: RouterSession, val procedure: String, val args: WampList, val kwargs: WampDict) {
    /** Messages to other sessions that the call causes (e.g. the GOODBYE of a kill), sent after its RESULT. */
    val effects: MutableList<Delivery> = ArrayList(0)

    /** Keyword argument [key] as a string, or null when absent. */
    fun optionalKwString(key: String): String? = when (val v = kwargs[key]) {
        null, WampNull -> null
        is WampString -> v.value
        else -> throw invalid("keyword argument $key must be a string")
    }

    /** Positional argument [i] as an id. */
    fun id(i: Int, name: String): Long {
        val v = (args.getOrNull(i) as? WampInt)?.value
        if (v == null || !WampUris.isValidId(v)) throw invalid("argument ${i + 1} ($name) must be an id")
        return v
    }

    /** Positional argument [i] as a string. */
    fun string(i: Int, name: String): String =
        (args.getOrNull(i) as? WampString)?.value ?: throw invalid("argument ${i + 1} ($name) must be a string")

    /** Optional positional argument [i] as a dict (absent or null → empty). */
    fun optionalDict(i: Int, name: String): WampDict = when (val v = args.getOrNull(i)) {
        null, WampNull -> WampDict.EMPTY
        is WampDict -> v
        else -> throw invalid("argument ${i + 1} ($name) must be a dict")
    }

    /** Optional positional argument [i] as a list of strings (absent or null → null). */
    fun optionalStrings(i: Int, name: String): Set<String>? = when (val v = args.getOrNull(i)) {
        null, WampNull -> null
        is WampList -> v.mapTo(HashSet()) { (it as? WampString)?.value ?: throw invalid("argument ${i + 1} ($name) must be a list of strings") }
        else -> throw invalid("argument ${i + 1} ($name) must be a list of strings")
    }

    private fun invalid(text: String) = WampException(WampErrors.INVALID_ARGUMENT, wampListOf("$procedure: $text"))
}

/**
 * A procedure the router answers itself. It runs under the realm's lock, so it may read the realm's state
 * but must neither block nor suspend. It returns the single positional result (null for a null result) or
 * throws [WampException] for an ERROR.
 */
internal fun interface MetaProcedure {
    fun invoke(call: MetaCall): WampValue?
}

/**
 * The meta procedures of one realm (`wamp.session.*`, `wamp.registration.*`...): callable by every session
 * of the realm, never registrable by clients (REGISTER under `wamp.` is refused). Install a group with an
 * extension like [addSessionMeta]; a CALL of any other `wamp.` URI goes on to the dealer, which answers
 * `wamp.error.no_such_procedure`.
 */
internal class MetaProcedures {
    private val procedures = HashMap<String, MetaProcedure>()

    companion object {
        /** What a procedure without a result returns: RESULT with no arguments (not `[null]`). */
        val NO_RESULT: WampValue = WampList(emptyList())
    }

    fun add(uri: String, procedure: MetaProcedure) {
        require(uri.startsWith("wamp.")) { "meta procedures live under 'wamp.', not '$uri'" }
        require(procedures.put(uri, procedure) == null) { "meta procedure '$uri' is defined twice" }
    }

    /**
     * The answer to [msg] when it calls a meta procedure, followed by what the call causes to other sessions;
     * null when it calls something else.
     */
    fun call(session: RouterSession, msg: Call): List<Delivery>? {
        if (!msg.procedure.startsWith("wamp.")) return null
        val procedure = procedures[msg.procedure] ?: return null
        val call = MetaCall(session, msg.procedure, msg.args, msg.kwargs)
        val reply = try {
            val value = procedure.invoke(call)
            Result(msg.request, WampDict.EMPTY, if (value === NO_RESULT) WampList.EMPTY else wampListOf(value))
        } catch (e: WampException) {
            return listOf(Delivery(session, Error(MessageCode.CALL, msg.request, WampDict.EMPTY, e.uri, e.args, e.kwargs)))
        }
        return listOf(Delivery(session, reply)) + call.effects
    }
}
