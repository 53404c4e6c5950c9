package io.wampkit

/** The router refused to open the session: it answered HELLO with ABORT [reason] (e.g. `wamp.error.no_such_realm`). */
public class WampAbortedException(public val reason: String, message: String?) :
    IllegalStateException(if (message != null) "session aborted: $reason: $message" else "session aborted: $reason")

/**
 * The connection is gone or the session has ended: every call, registration or publication still waiting
 * fails with this. [reason] is the close reason URI when the peer gave one.
 */
public class WampConnectionClosedException(message: String, public val reason: String? = null, cause: Throwable? = null) :
    IllegalStateException(message, cause)

/**
 * The peer broke the protocol (an undecodable frame, a message out of place): the session is aborted with
 * `wamp.error.protocol_violation`.
 */
public class WampProtocolViolationException(message: String) : IllegalStateException(message)
