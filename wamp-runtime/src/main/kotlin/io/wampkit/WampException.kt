package io.wampkit

import io.wampkit.value.WampDict
import io.wampkit.value.WampList

/**
 * A WAMP application error: what a callee raises to answer a call with ERROR, and what a caller gets when
 * the answer is an ERROR. [uri] is the error URI (e.g. `wamp.error.no_such_procedure`); [args] and [kwargs]
 * travel unchanged.
 */
public open class WampException(
    public val uri: String,
    public val args: WampList = WampList.EMPTY,
    public val kwargs: WampDict = WampDict.EMPTY,
    message: String? = null,
    cause: Throwable? = null,
) : RuntimeException(message ?: describe(uri, args), cause) {
    override fun toString(): String = "WampException($uri, args=$args, kwargs=$kwargs)"
}

private fun describe(uri: String, args: WampList): String =
    (args.firstOrNull() as? io.wampkit.value.WampString)?.let { "$uri: ${it.value}" } ?: uri

/** Error URIs the protocol defines. */
public object WampErrors {
    public const val INVALID_URI: String = "wamp.error.invalid_uri"
    public const val NO_SUCH_PROCEDURE: String = "wamp.error.no_such_procedure"
    public const val PROCEDURE_ALREADY_EXISTS: String = "wamp.error.procedure_already_exists"
    /** A shared registration exists for the URI with another invocation policy (`invoke`). */
    public const val PROCEDURE_EXISTS_WITH_DIFFERENT_INVOCATION_POLICY: String =
        "wamp.error.procedure_exists_with_different_invocation_policy"
    /** The dealer ended a call whose `CALL.Options.timeout` expired (Autobahn's `ApplicationError.TIMEOUT`). */
    public const val TIMEOUT: String = "wamp.error.timeout"
    /** The reason of a router-initiated UNREGISTERED when another callee took the procedure over (Crossbar.io). */
    public const val UNREGISTERED: String = "wamp.error.unregistered"
    /** A session meta procedure was asked about a session the realm does not have. */
    public const val NO_SUCH_SESSION: String = "wamp.error.no_such_session"
    public const val NO_SUCH_REGISTRATION: String = "wamp.error.no_such_registration"
    public const val NO_SUCH_SUBSCRIPTION: String = "wamp.error.no_such_subscription"
    public const val INVALID_ARGUMENT: String = "wamp.error.invalid_argument"
    public const val RUNTIME_ERROR: String = "wamp.error.runtime_error"
    public const val CANCELED: String = "wamp.error.canceled"
    public const val NOT_AUTHORIZED: String = "wamp.error.not_authorized"
    public const val NO_SUCH_REALM: String = "wamp.error.no_such_realm"
    public const val NO_SUCH_ROLE: String = "wamp.error.no_such_role"
    public const val PROTOCOL_VIOLATION: String = "wamp.error.protocol_violation"
    public const val SYSTEM_SHUTDOWN: String = "wamp.close.system_shutdown"

    /**
     * ABORT reason of a WampKit router for a session it disconnected because the session read slower than
     * messages arrived for it (its outgoing buffer stayed full): not a WAMP URI, so it is in WampKit's namespace.
     */
    public const val SLOW_CONSUMER: String = "wampkit.error.slow_consumer"
    public const val CLOSE_REALM: String = "wamp.close.close_realm"
    public const val GOODBYE_AND_OUT: String = "wamp.close.goodbye_and_out"
    public const val CLOSE_NORMAL: String = "wamp.close.normal"
}
