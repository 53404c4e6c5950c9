package io.wampkit.dsl.internal

import io.wampkit.dsl.WampProcedure
import io.wampkit.session.WampSession
import io.wampkit.value.WampList
import kotlinx.coroutines.future.future
import kotlinx.serialization.KSerializer
import java.lang.reflect.InvocationHandler
import java.lang.reflect.Method
import java.lang.reflect.Proxy
import kotlin.coroutines.Continuation
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn

/** One proxied interface method: its procedure URI and serializers, resolved when the proxy is made. */
internal class ProxyMethod(val procedure: String, val signature: MethodSignature) {
    @Suppress("UNCHECKED_CAST")
    suspend fun call(session: WampSession, args: Array<out Any?>?): Any? {
        val params = signature.params
        val wire = if (params.isEmpty()) WampList.EMPTY else WampList(List(params.size) { i ->
            Payloads.encode(params[i] as KSerializer<Any?>, args!![i])
        })
        val result = session.call(procedure, wire)
        return when (signature.returnKind) {
            ReturnKind.UNIT -> Unit
            ReturnKind.CALL_RESULT -> result
            ReturnKind.VALUE -> Payloads.decodeResult(procedure, result, signature.result)
        }
    }
}

/** The java.lang.reflect.Proxy handler of `proxy<T>()`: suspend methods run on the caller's continuation. */
internal class ProxyHandler(private val session: WampSession, private val name: String, private val methods: Map<Method, ProxyMethod>) :
    InvocationHandler {

    @Suppress("UNCHECKED_CAST")
    override fun invoke(proxy: Any, method: Method, args: Array<out Any?>?): Any? {
        if (method.isDefault) return InvocationHandler.invokeDefault(proxy, method, *(args ?: emptyArray()))
        val target = methods[method] ?: return objectMethod(proxy, method, args)
        return when {
            target.signature.isSuspend -> {
                val continuation = args!!.last() as Continuation<Any?>
                val block: suspend () -> Any? = { target.call(session, args) }
                block.startCoroutineUninterceptedOrReturn(continuation)
            }
            else -> session.future { target.call(session, args) } // returnsFuture, checked in create()
        }
    }

    private fun objectMethod(proxy: Any, method: Method, args: Array<out Any?>?): Any? = when (method.name) {
        "toString" -> "WampProxy($name)"
        "hashCode" -> System.identityHashCode(proxy)
        "equals" -> proxy === args?.firstOrNull()
        else -> throw UnsupportedOperationException("${method.name} is not a WAMP procedure")
    }

    companion object {
        fun <T : Any> create(session: WampSession, type: Class<T>, prefix: String): T {
            require(type.isInterface) { "${type.name} is not an interface" }
            val methods = type.methods.filter { !it.isDefault && !java.lang.reflect.Modifier.isStatic(it.modifiers) }.associateWith { m ->
                val uri = joinUri(prefix, m.getAnnotation(WampProcedure::class.java)?.value?.ifEmpty { null } ?: m.name)
                val signature = MethodSignature.of(m)
                require(signature.isSuspend || signature.returnsFuture) {
                    "${type.simpleName}.${m.name} must be a suspend function or return a CompletableFuture"
                }
                require(signature.slots.all { it == Slot.ARG }) { "${type.simpleName}.${m.name}: a proxy method takes arguments only" }
                ProxyMethod(uri, signature)
            }
            val handler = ProxyHandler(session, "${type.simpleName} at ${prefix.ifEmpty { "<no prefix>" }}", methods)
            return type.cast(Proxy.newProxyInstance(type.classLoader, arrayOf(type), handler))
        }
    }
}
