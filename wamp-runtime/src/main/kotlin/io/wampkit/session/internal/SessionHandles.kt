package io.wampkit.session.internal

import io.wampkit.session.Registration
import io.wampkit.session.Subscription
import java.util.concurrent.atomic.AtomicBoolean

/** A registration of a [ClientSession]; [unregister] runs its undo once; [alive] tells whether the session still serves it. */
internal class ClientRegistration(
    override val id: Long,
    override val procedure: String,
    private val alive: () -> Boolean,
    private val undo: suspend () -> Unit,
) : Registration {
    private val done = AtomicBoolean(false)

    override val isActive: Boolean get() = !done.get() && alive()

    override suspend fun unregister() {
        if (done.compareAndSet(false, true)) undo()
    }
}

/** A subscription of a [ClientSession]; [unsubscribe] runs its undo once. */
internal class ClientSubscription(
    override val id: Long,
    override val topic: String,
    private val undo: suspend () -> Unit,
) : Subscription {
    private val done = AtomicBoolean(false)

    override suspend fun unsubscribe() {
        if (done.compareAndSet(false, true)) undo()
    }
}
