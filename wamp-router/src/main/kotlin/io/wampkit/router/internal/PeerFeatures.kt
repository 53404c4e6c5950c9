package io.wampkit.router.internal

import io.wampkit.value.WampDict

/** What a client announced in HELLO that the router acts on. */
internal class PeerFeatures(
    val callCanceling: Boolean,
    val pubSub: PubSubFeatures = PubSubFeatures.NONE,
) {
    companion object {
        /** Reads `roles` of HELLO.Details; null when no role is announced (a protocol violation). */
        fun fromHello(details: WampDict): PeerFeatures? {
            val roles = details.dict("roles") ?: return null
            if (roles.keys.none { it in CLIENT_ROLES }) return null
            val callee = roles.dict("callee")?.dict("features")
            return PeerFeatures(
                callCanceling = callee?.boolean("call_canceling") == true,
                pubSub = PubSubFeatures.fromRoles(roles),
            )
        }

        private val CLIENT_ROLES = setOf("caller", "callee", "publisher", "subscriber")
    }
}
