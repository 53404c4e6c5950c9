package io.wampkit.router.internal

import io.wampkit.router.auth.internal.RealmSecurity

internal class RouterConfig(
    val realms: Set<String>,
    val maxMessageSize: Int,
    val helloTimeoutMillis: Long = 10_000L,
    val flowControl: FlowControl = FlowControl(),
    val shutdownGraceMillis: Long = 2_000L,
    val maxRetainedTopics: Int = Broker.DEFAULT_MAX_RETAINED_TOPICS,
    /** Per realm; a realm missing here is [RealmSecurity.OPEN]. */
    val security: Map<String, RealmSecurity> = emptyMap(),
) {
    fun security(realm: String): RealmSecurity = security[realm] ?: RealmSecurity.OPEN
}
