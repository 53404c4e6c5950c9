package io.wampkit.dsl.internal

import io.wampkit.dsl.CallScope
import io.wampkit.dsl.EventScope
import io.wampkit.session.CallResult
import io.wampkit.session.WampEvent
import io.wampkit.session.WampInvocation
import io.wampkit.session.WampSession
import kotlinx.serialization.KSerializer
import kotlinx.serialization.builtins.nullable
import kotlinx.serialization.serializer
import java.lang.reflect.Method
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import java.lang.reflect.WildcardType
import java.util.concurrent.CompletionStage
import kotlin.coroutines.Continuation
import kotlin.reflect.KClass
import kotlin.reflect.KType
import kotlin.reflect.jvm.kotlinFunction

/** What a parameter of a service or proxy method receives: a decoded argument or an injected object. */
internal enum class Slot { ARG, INVOCATION, EVENT, SESSION, CALL_SCOPE, EVENT_SCOPE }

/** How the method answers: a value, a value later (suspend / CompletionStage), a raw CallResult, or nothing. */
internal enum class ReturnKind { VALUE, UNIT, CALL_RESULT }

/**
 * A method's WAMP shape, read once by reflection (kotlin-reflect for Kotlin methods: names, nullability,
 * generics; java.lang.reflect for Java methods, whose reference types count as nullable).
 */
internal class MethodSignature(
    val method: Method,
    /** Per JVM parameter (without a suspend function's Continuation): what it receives. */
    val slots: Array<Slot>,
    /** Serializers of the ARG parameters, in order. */
    val params: Array<KSerializer<*>>,
    /** Names of the ARG parameters, where known. */
    val names: Array<String?>,
    val result: KSerializer<Any?>,
    val returnKind: ReturnKind,
    val isSuspend: Boolean,
    val returnsFuture: Boolean,
) {
    companion object {
        fun of(method: Method): MethodSignature {
            if (!method.declaringClass.isAnnotationPresent(Metadata::class.java)) return fromJava(method) // no null-safety
            val kf = try {
                method.kotlinFunction
            } catch (_: Throwable) {
                null // kotlin-reflect cannot read it (e.g. synthetic): treat it as Java
            }
            return if (kf != null) fromKotlin(method, kf) else fromJava(method)
        }

        private fun fromKotlin(method: Method, kf: kotlin.reflect.KFunction<*>): MethodSignature {
            val slots = ArrayList<Slot>()
            val params = ArrayList<KSerializer<*>>()
            val names = ArrayList<String?>()
            for (p in kf.parameters.filter { it.kind == kotlin.reflect.KParameter.Kind.VALUE }) {
                val slot = slotOf((p.type.classifier as? KClass<*>)?.java)
                slots += slot
                if (slot == Slot.ARG) {
                    params += serializerOf(p.type, method)
                    names += p.name
                }
            }
            var type = kf.returnType
            val future = (type.classifier as? KClass<*>)?.java?.let { CompletionStage::class.java.isAssignableFrom(it) } == true
            if (future) type = type.arguments.firstOrNull()?.type ?: error("${method.name}: CompletionStage needs a type argument")
            return MethodSignature(
                method, slots.toTypedArray(), params.toTypedArray(), names.toTypedArray(),
                resultSerializer(type.classifier as? KClass<*>) ?: serializerOf(type, method),
                returnKind((type.classifier as? KClass<*>)?.java), kf.isSuspend, future,
            )
        }

        private fun fromJava(method: Method): MethodSignature {
            val types = method.genericParameterTypes
            val suspend = types.isNotEmpty() && method.parameterTypes.last() == Continuation::class.java
            val count = if (suspend) types.size - 1 else types.size
            val slots = ArrayList<Slot>()
            val params = ArrayList<KSerializer<*>>()
            val names = ArrayList<String?>()
            for (i in 0 until count) {
                val slot = slotOf(method.parameterTypes[i])
                slots += slot
                if (slot == Slot.ARG) {
                    params += javaSerializer(types[i], method)
                    names += method.parameters[i].takeIf { it.isNamePresent }?.name
                }
            }
            var type: Type = if (suspend) continuationResult(types.last()) else method.genericReturnType
            val raw = rawClass(type)
            val future = raw != null && CompletionStage::class.java.isAssignableFrom(raw)
            if (future) type = (type as? ParameterizedType)?.actualTypeArguments?.first() ?: Any::class.java
            val rawResult = rawClass(type)
            return MethodSignature(
                method, slots.toTypedArray(), params.toTypedArray(), names.toTypedArray(),
                resultSerializer(rawResult?.kotlin) ?: javaSerializer(type, method),
                returnKind(rawResult), suspend, future,
            )
        }

        private fun slotOf(type: Class<*>?): Slot = when (type) {
            WampInvocation::class.java -> Slot.INVOCATION
            WampEvent::class.java -> Slot.EVENT
            WampSession::class.java -> Slot.SESSION
            CallScope::class.java -> Slot.CALL_SCOPE
            EventScope::class.java -> Slot.EVENT_SCOPE
            else -> Slot.ARG
        }

        private fun returnKind(type: Class<*>?): ReturnKind = when (type) {
            Void.TYPE, Void::class.java, Unit::class.java -> ReturnKind.UNIT
            CallResult::class.java -> ReturnKind.CALL_RESULT
            else -> ReturnKind.VALUE
        }

        @Suppress("UNCHECKED_CAST")
        private fun resultSerializer(type: KClass<*>?): KSerializer<Any?>? = when (type?.java) {
            Void.TYPE, Void::class.java, Unit::class.java, CallResult::class.java -> serializer<Unit>() as KSerializer<Any?>
            else -> null
        }

        @Suppress("UNCHECKED_CAST")
        private fun serializerOf(type: KType, method: Method): KSerializer<Any?> = try {
            serializer(type)
        } catch (e: IllegalArgumentException) {
            throw IllegalArgumentException("${method.declaringClass.simpleName}.${method.name}: $type is not serializable (${e.message})", e)
        }

        @Suppress("UNCHECKED_CAST")
        private fun javaSerializer(type: Type, method: Method): KSerializer<Any?> = try {
            val s = serializer(type)
            (if (type is Class<*> && type.isPrimitive) s else s.nullable) as KSerializer<Any?>
        } catch (e: IllegalArgumentException) {
            throw IllegalArgumentException("${method.declaringClass.simpleName}.${method.name}: $type is not serializable (${e.message})", e)
        }

        private fun continuationResult(type: Type): Type {
            val arg = (type as? ParameterizedType)?.actualTypeArguments?.first() ?: return Any::class.java
            return if (arg is WildcardType) arg.lowerBounds.firstOrNull() ?: arg.upperBounds.first() else arg
        }

        private fun rawClass(type: Type): Class<*>? = when (type) {
            is Class<*> -> type
            is ParameterizedType -> type.rawType as? Class<*>
            else -> null
        }
    }
}
