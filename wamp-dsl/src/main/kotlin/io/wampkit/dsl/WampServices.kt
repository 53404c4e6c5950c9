@file:JvmName("WampServices")

package io.wampkit.dsl

import io.wampkit.dsl.internal.ServiceBinder
import io.wampkit.session.Registration
import io.wampkit.session.Subscription
import io.wampkit.session.WampSession
import kotlinx.coroutines.future.future
import java.util.concurrent.CompletableFuture

/** The registrations and subscriptions that [registerService] made for one service object. */
public interface WampServiceHandle {
    /** One per `@WampProcedure` method, in method-name order. */
    public val registrations: List<Registration>

    /** One per `@WampTopic` method, in method-name order. */
    public val subscriptions: List<Subscription>

    /** Unregisters and unsubscribes all of them. */
    public suspend fun unregister()
}

/**
 * Registers every `@WampProcedure` method and subscribes every `@WampTopic` method of [service] (its public
 * methods, inherited ones included), at `prefix.uri` (the annotation's uri, default the method name).
 *
 * Methods may be Kotlin `suspend` functions or plain (Java) methods returning a value, `void`/`Unit`, a
 * `CompletableFuture`/`CompletionStage` of a value, or a raw `CallResult`. Parameters take the positional
 * arguments in order, then kwargs by parameter name (Kotlin names always; Java names when compiled with
 * `-parameters`); parameters of type `WampInvocation`, `WampEvent`, `WampSession`, [CallScope] or
 * [EventScope] are injected instead. Types are resolved once here (kotlinx.serialization, kotlin-reflect for
 * Kotlin methods); a wrong argument gets `wamp.error.invalid_argument` naming the parameter.
 * @throws IllegalArgumentException when [service] has no annotated method or one cannot be served.
 */
public suspend fun WampSession.registerService(service: Any, prefix: String = ""): WampServiceHandle =
    ServiceBinder.bind(this, service, prefix)

/** [WampSession.registerService] on the component's session. */
public suspend fun ComponentSession.registerService(service: Any, prefix: String = ""): WampServiceHandle =
    session.registerService(service, prefix)

/** [registerService] for Java: `WampServices.registerServiceAsync(session, new Calculator(), "com.myapp").join()`. */
public fun WampSession.registerServiceAsync(service: Any, prefix: String = ""): CompletableFuture<WampServiceHandle> =
    future { registerService(service, prefix) }
