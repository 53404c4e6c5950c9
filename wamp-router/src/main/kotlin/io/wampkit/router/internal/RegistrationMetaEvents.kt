package io.wampkit.router.internal

import io.wampkit.value.WampList

/**
 * How the dealer publishes the registration meta events (`wamp.registration.on_create`, `on_register`,
 * `on_unregister`, `on_delete`): through the realm's broker, to everyone subscribed except the session that
 * caused them (as for the subscription meta events). Called under the realm's lock; returns the deliveries.
 */
internal fun interface RegistrationMetaEvents {
    fun publish(topic: String, args: WampList, cause: RouterSession): List<Delivery>

    companion object {
        val NONE: RegistrationMetaEvents = RegistrationMetaEvents { _, _, _ -> emptyList() }
    }
}
