package io.wampkit.dsl

import io.wampkit.WampErrors
import io.wampkit.dsl.internal.Payloads
import io.wampkit.session.CallResult
import io.wampkit.session.WampSession
import io.wampkit.value.WampDict
import io.wampkit.value.WampList
import kotlinx.coroutines.CoroutineScope
import org.slf4j.Logger

/**
 * What `onJoin` runs in: the joined [session] plus typed helpers ([register], [call], [subscribe], [publish]
 * taking plain Kotlin and `@Serializable` values). It is the session's [CoroutineScope]: what you launch
 * here is cancelled when the session ends.
 */
@WampDsl
public class ComponentSession internal constructor(
    /** The underlying session, for the untyped API. */
    public val session: WampSession,
    /** The component's logger (`io.wampkit.component.NAME`). */
    public val log: Logger,
) : CoroutineScope by session {

    /** The session id the router assigned. */
    public val sessionId: Long get() = session.sessionId

    /** Calls [procedure] with untyped payload and returns the whole result. */
    public suspend fun callResult(
        procedure: String,
        args: WampList = WampList.EMPTY,
        kwargs: WampDict = WampDict.EMPTY,
        options: WampDict = WampDict.EMPTY,
    ): CallResult = session.call(procedure, args, kwargs, options)

    /**
     * Publishes [args] (plain Kotlin or `@Serializable` values) and [kwargs] to [topic]; see
     * [WampSession.publish] for [acknowledge] and [excludeMe], [io.wampkit.session.publishOptions] for [options]
     * (black/whitelisting, retain, disclose_me).
     */
    public suspend fun publish(
        topic: String,
        vararg args: Any?,
        kwargs: Map<String, Any?> = emptyMap(),
        acknowledge: Boolean = false,
        excludeMe: Boolean = true,
        options: WampDict = WampDict.EMPTY,
    ): Long? = session.publish(topic, Payloads.encodeArgs(args), Payloads.encodeKwargs(kwargs), acknowledge, excludeMe, options)

    /** Leaves the realm; the component's `run()` then returns. */
    public suspend fun leave(reason: String = WampErrors.CLOSE_NORMAL, message: String? = null) {
        session.leave(reason, message)
    }
}
