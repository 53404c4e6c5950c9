package io.wampkit.java

import java.util.concurrent.CompletableFuture

/** A procedure registered through [WampClient]. */
public interface RegistrationHandle {
    /** The registration id the router assigned. */
    public val id: Long

    /** The registered procedure URI. */
    public val procedure: String

    /** Unregisters; idempotent. After the future completes no new invocation reaches the handler. */
    public fun unregister(): CompletableFuture<Void?>
}

/** A subscription made through [WampClient]. */
public interface SubscriptionHandle {
    /** The subscription id the router assigned. */
    public val id: Long

    /** The subscribed topic. */
    public val topic: String

    /** Unsubscribes; idempotent. After the future completes no new event reaches the consumer. */
    public fun unsubscribe(): CompletableFuture<Void?>
}
