package io.wampkit.dsl.internal

import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.session.InvocationHandler
import io.wampkit.session.Registration
import io.wampkit.session.WampSession
import io.wampkit.value.WampDict
import io.wampkit.value.wampListOf
import kotlinx.coroutines.Job
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.update
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicBoolean

/**
 * Counts running invocation handlers and, once [close]d, refuses new ones, so a graceful stop can let the
 * running ones finish before GOODBYE.
 */
internal class InvocationGate {
    private val open = AtomicBoolean(true)
    private val running = MutableStateFlow(0)

    val inFlight: Int get() = running.value

    /**
     * Runs [block] as one invocation. It counts until the invocation's coroutine completes, i.e. after its
     * YIELD or ERROR has been sent, so a GOODBYE after [awaitIdle] never overtakes a result.
     */
    suspend fun <T> pass(procedure: String, block: suspend () -> T): T {
        running.update { it + 1 } // count first, then check: close() + awaitIdle() cannot miss this one
        val job = currentCoroutineContext()[Job]
        job?.invokeOnCompletion { running.update { it - 1 } }
        try {
            if (!open.get()) {
                throw WampException(WampErrors.CANCELED, wampListOf("$procedure: the callee is shutting down"))
            }
            return block()
        } finally {
            if (job == null) running.update { it - 1 }
        }
    }

    fun close() = open.set(false)

    suspend fun awaitIdle() {
        running.first { it == 0 }
    }
}

/**
 * The session a component hands to `onJoin` and to callers: every handler registered through it passes the
 * component's [gate], and its registrations are remembered so a graceful stop can unregister them first.
 */
internal class GatedSession(val delegate: WampSession, val gate: InvocationGate) : WampSession by delegate {
    val registrations: MutableList<Registration> = CopyOnWriteArrayList()

    override suspend fun register(procedure: String, options: WampDict, handler: InvocationHandler): Registration {
        val registration = delegate.register(procedure, options) { invocation ->
            gate.pass(procedure) { handler.invoke(invocation) }
        }
        registrations += registration
        return registration
    }

    override fun toString(): String = "GatedSession(${delegate.sessionId})"
}
