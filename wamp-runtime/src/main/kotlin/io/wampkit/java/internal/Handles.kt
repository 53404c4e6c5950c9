package io.wampkit.java.internal

import io.wampkit.java.RegistrationHandle
import io.wampkit.java.SubscriptionHandle
import io.wampkit.session.Registration
import io.wampkit.session.Subscription
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.future.future
import java.util.concurrent.CompletableFuture

internal class DefaultRegistrationHandle(private val registration: Registration, private val scope: CoroutineScope) :
    RegistrationHandle {
    override val id: Long get() = registration.id
    override val procedure: String get() = registration.procedure

    override fun unregister(): CompletableFuture<Void?> = scope.future {
        registration.unregister()
        null
    }

    override fun toString(): String = "Registration($id, $procedure)"
}

internal class DefaultSubscriptionHandle(private val subscription: Subscription, private val scope: CoroutineScope) :
    SubscriptionHandle {
    override val id: Long get() = subscription.id
    override val topic: String get() = subscription.topic

    override fun unsubscribe(): CompletableFuture<Void?> = scope.future {
        subscription.unsubscribe()
        null
    }

    override fun toString(): String = "Subscription($id, $topic)"
}
