package io.wampkit.dsl

import io.wampkit.session.WampInvocation
import kotlinx.coroutines.withContext
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.coroutineContext

/** Carries the INVOCATION a typed handler serves, for [currentInvocation]. */
@PublishedApi
internal class InvocationElement(val invocation: WampInvocation) : AbstractCoroutineContextElement(Key) {
    companion object Key : CoroutineContext.Key<InvocationElement>
}

/**
 * The INVOCATION the calling typed handler serves: the called URI ([WampInvocation.procedure], the
 * concrete one for a prefix or wildcard registration), the disclosed caller ([WampInvocation.caller],
 * [WampInvocation.callerAuthId], [WampInvocation.callerAuthRole]) and the raw details.
 * ```
 * register("com.myapp.user.", registerOptions(match = MatchPolicy.PREFIX)) { -> currentInvocation().procedure }
 * ```
 * @throws IllegalStateException outside a handler registered through the DSL.
 */
public suspend fun currentInvocation(): WampInvocation =
    coroutineContext[InvocationElement]?.invocation
        ?: throw IllegalStateException("currentInvocation() is only available inside a handler registered with register { }")

@PublishedApi
internal suspend fun <T> withInvocation(invocation: WampInvocation, block: suspend () -> T): T =
    withContext(InvocationElement(invocation)) { block() }
