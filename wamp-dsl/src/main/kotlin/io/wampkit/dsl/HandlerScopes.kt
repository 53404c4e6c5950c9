package io.wampkit.dsl

import io.wampkit.session.WampEvent
import io.wampkit.session.WampInvocation
import io.wampkit.session.WampSession

/**
 * What a typed procedure handler runs in, as its receiver: the [invocation] being served and the [session]
 * serving it. `register("com.myapp.whoami") { -> caller }`. Not a DSL scope: the enclosing `onJoin`
 * helpers (`call`, `publish`, `log`...) stay reachable inside the handler.
 */
public interface CallScope {
    /** The INVOCATION: procedure, args, kwargs and details as the router sent them. */
    public val invocation: WampInvocation

    /** The session serving the call (the same object as `ComponentSession.session`). */
    public val session: WampSession

    /** The caller's session id, when the caller disclosed itself (`disclose_me`) or the router discloses callers. */
    public val caller: Long? get() = invocation.details.long("caller")

    /** The caller's authid, when disclosed. */
    public val callerAuthId: String? get() = invocation.details.string("caller_authid")

    /** The caller's authrole, when disclosed. */
    public val callerAuthRole: String? get() = invocation.details.string("caller_authrole")
}

/**
 * What a typed event handler runs in, as its receiver: the [event] being delivered and the [session] that
 * subscribed. `subscribe("com.myapp.tick") { n: Int -> log.info("{} from {}", n, publisher) }`.
 */
public interface EventScope {
    /** The EVENT: topic, args, kwargs and details as the router sent them. */
    public val event: WampEvent

    /** The session that holds the subscription. */
    public val session: WampSession

    /** The publisher's session id, when disclosed. */
    public val publisher: Long? get() = event.details.long("publisher")
}
