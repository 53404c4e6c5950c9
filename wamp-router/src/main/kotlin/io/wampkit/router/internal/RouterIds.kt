package io.wampkit.router.internal

import io.wampkit.message.WampUris
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.ThreadLocalRandom
import java.util.concurrent.atomic.AtomicLong

/** Global-scope ids (sessions, publications) are random in 1..2^53; router-scope ids count up. */
internal class RouterIds {
    private val liveSessions = ConcurrentHashMap.newKeySet<Long>()
    private val routerScope = AtomicLong()

    /** A random session id no live session holds; release it with [releaseSession]. */
    fun newSession(): Long {
        while (true) {
            val id = randomId()
            if (liveSessions.add(id)) return id
        }
    }

    fun releaseSession(id: Long) {
        liveSessions.remove(id)
    }

    /** Publication ids are random, as the spec asks for the global scope. */
    fun newPublication(): Long = randomId()

    /** Registration and subscription ids. */
    fun newRouterScoped(): Long = routerScope.incrementAndGet()

    private fun randomId(): Long = ThreadLocalRandom.current().nextLong(1, WampUris.MAX_ID + 1)
}
