package io.wampkit.dsl.internal

import io.wampkit.WampException
import io.wampkit.dsl.WampProcedure
import io.wampkit.dsl.WampServiceHandle
import io.wampkit.dsl.WampTopic
import io.wampkit.session.CallResult
import io.wampkit.session.Registration
import io.wampkit.session.Subscription
import io.wampkit.session.WampSession
import org.slf4j.LoggerFactory

/** Registers and subscribes the annotated methods of one service object. */
internal object ServiceBinder {
    private val log = LoggerFactory.getLogger(ServiceBinder::class.java)

    suspend fun bind(session: WampSession, service: Any, prefix: String): WampServiceHandle {
        val bindings = service.javaClass.methods.sortedBy { it.name }.mapNotNull { method ->
            val procedure = method.getAnnotation(WampProcedure::class.java)
            val topic = method.getAnnotation(WampTopic::class.java)
            require(procedure == null || topic == null) { "${method.name}: both @WampProcedure and @WampTopic" }
            when {
                procedure != null -> Triple(joinUri(prefix, procedure.value.ifEmpty { method.name }), true, BoundMethod(service, check(MethodSignature.of(method), true)))
                topic != null -> Triple(joinUri(prefix, topic.value.ifEmpty { method.name }), false, BoundMethod(service, check(MethodSignature.of(method), false)))
                else -> null
            }
        }
        require(bindings.isNotEmpty()) { "${service.javaClass.name} has no @WampProcedure or @WampTopic method" }
        val registrations = ArrayList<Registration>()
        val subscriptions = ArrayList<Subscription>()
        try {
            for ((uri, isProcedure, bound) in bindings) {
                if (isProcedure) registrations += register(session, uri, bound) else subscriptions += subscribe(session, uri, bound)
            }
        } catch (e: Throwable) {
            DefaultServiceHandle(registrations, subscriptions).unregister()
            throw e
        }
        return DefaultServiceHandle(registrations, subscriptions)
    }

    private fun check(signature: MethodSignature, procedure: Boolean): MethodSignature {
        val wrong = if (procedure) setOf(Slot.EVENT, Slot.EVENT_SCOPE) else setOf(Slot.INVOCATION, Slot.CALL_SCOPE)
        require(signature.slots.none { it in wrong }) {
            "${signature.method.name}: a ${if (procedure) "procedure" else "topic handler"} cannot receive ${signature.slots.first { it in wrong }}"
        }
        return signature
    }

    private suspend fun register(session: WampSession, uri: String, bound: BoundMethod): Registration {
        val s = bound.signature
        return session.register(uri) { invocation ->
            val decoded = Payloads.decodeArgs(uri, invocation.args, s.params, invocation.kwargs, s.names)
            val value = bound.invoke(bound.arguments(decoded, session, invocation, null))
            when (s.returnKind) {
                ReturnKind.UNIT -> CallResult.EMPTY
                ReturnKind.CALL_RESULT -> value as? CallResult ?: CallResult.EMPTY
                ReturnKind.VALUE -> Payloads.encodeResult(s.result, value)
            }
        }
    }

    private suspend fun subscribe(session: WampSession, uri: String, bound: BoundMethod): Subscription {
        val s = bound.signature
        return session.subscribe(uri) { event ->
            val decoded = try {
                Payloads.decodeArgs(uri, event.args, s.params, event.kwargs, s.names)
            } catch (e: WampException) {
                log.warn("skipping event {} on {}: {}", event.publication, uri, e.message)
                return@subscribe
            }
            bound.invoke(bound.arguments(decoded, session, null, event))
        }
    }
}

/** `prefix.name`, or [name] alone without a prefix. */
internal fun joinUri(prefix: String, name: String): String = if (prefix.isEmpty()) name else "$prefix.$name"

internal class DefaultServiceHandle(
    override val registrations: List<Registration>,
    override val subscriptions: List<Subscription>,
) : WampServiceHandle {
    override suspend fun unregister() {
        registrations.forEach { it.unregister() }
        subscriptions.forEach { it.unsubscribe() }
    }
}
