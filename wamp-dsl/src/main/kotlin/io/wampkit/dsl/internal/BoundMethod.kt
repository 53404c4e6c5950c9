package io.wampkit.dsl.internal

import io.wampkit.session.WampEvent
import io.wampkit.session.WampInvocation
import io.wampkit.session.WampSession
import kotlinx.coroutines.future.await
import java.lang.invoke.MethodHandle
import java.lang.invoke.MethodHandles
import java.lang.invoke.MethodType
import java.util.concurrent.CompletionStage
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn

/**
 * A service method bound to its object: reflection happens here, once, at registration; each call goes
 * through a [MethodHandle] (spread over an argument array), suspend methods with the caller's continuation.
 */
internal class BoundMethod(target: Any, val signature: MethodSignature) {
    private val arity = signature.method.parameterCount
    private val handle: MethodHandle = run {
        signature.method.trySetAccessible() // a public method of a non-public class (e.g. a private test class)
        MethodHandles.lookup().unreflect(signature.method).bindTo(target)
            .asSpreader(Array<Any?>::class.java, arity)
            .asType(MethodType.methodType(Any::class.java, Array<Any?>::class.java))
    }

    /** The JVM arguments: decoded WAMP arguments in the ARG slots, the injected objects in the others. */
    fun arguments(decoded: Array<Any?>, session: WampSession, invocation: WampInvocation?, event: WampEvent?): Array<Any?> {
        val out = arrayOfNulls<Any?>(arity)
        var k = 0
        signature.slots.forEachIndexed { i, slot ->
            out[i] = when (slot) {
                Slot.ARG -> decoded[k++]
                Slot.INVOCATION -> invocation
                Slot.EVENT -> event
                Slot.SESSION -> session
                Slot.CALL_SCOPE -> invocation?.let { DefaultCallScope(it, session) }
                Slot.EVENT_SCOPE -> event?.let { DefaultEventScope(it, session) }
            }
        }
        return out
    }

    /** Calls the method with [args] (from [arguments]); awaits a suspend method or a returned CompletionStage. */
    suspend fun invoke(args: Array<Any?>): Any? {
        val value = if (signature.isSuspend) {
            suspendCoroutineUninterceptedOrReturn { continuation ->
                args[arity - 1] = continuation
                handle.invoke(args)
            }
        } else {
            handle.invoke(args)
        }
        return if (signature.returnsFuture) (value as CompletionStage<*>).await() else value
    }
}
