package io.wampkit.dsl

import io.wampkit.dsl.internal.Payloads
import io.wampkit.session.CallResult
import io.wampkit.value.WampDict
import io.wampkit.value.WampList
import kotlinx.serialization.serializer

/**
 * Calls [procedure] through the component's current session, waiting for a join (or failing at once) per
 * its `whileDisconnected`. A call in flight when the session is lost fails with
 * [io.wampkit.WampConnectionClosedException]; it is never repeated by itself, as calls need not be idempotent.
 */
public suspend inline fun <reified R> WampComponent.call(procedure: String, vararg args: Any?): R =
    Payloads.decodeResult(procedure, callResult(procedure, Payloads.encodeArgs(args)), serializer<R>())

/** Untyped [call]: the whole result. */
public suspend fun WampComponent.callResult(
    procedure: String,
    args: WampList = WampList.EMPTY,
    kwargs: WampDict = WampDict.EMPTY,
): CallResult = awaitSession().call(procedure, args, kwargs)

/** Publishes through the component's current session; see [ComponentSession.publish] and [call]. */
public suspend fun WampComponent.publish(
    topic: String,
    vararg args: Any?,
    kwargs: Map<String, Any?> = emptyMap(),
    acknowledge: Boolean = false,
    excludeMe: Boolean = true,
): Long? = awaitSession().publish(topic, Payloads.encodeArgs(args), Payloads.encodeKwargs(kwargs), acknowledge, excludeMe)
