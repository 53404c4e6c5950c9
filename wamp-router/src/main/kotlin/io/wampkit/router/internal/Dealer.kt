package io.wampkit.router.internal

import io.wampkit.WampErrors
import io.wampkit.WampProtocolViolationException
import io.wampkit.message.Call
import io.wampkit.message.Cancel
import io.wampkit.message.Error
import io.wampkit.message.Interrupt
import io.wampkit.message.Invocation
import io.wampkit.message.MessageCode
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.message.Result
import io.wampkit.message.Unregister
import io.wampkit.message.Unregistered
import io.wampkit.message.Yield
import io.wampkit.session.InvokePolicy
import io.wampkit.session.MatchPolicy
import io.wampkit.value.WampBool
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.Job

internal class PendingCall(
    val caller: RouterSession,
    val callRequest: Long,
    val callee: RouterSession,
    val invocation: Long,
    val progressive: Boolean,
) {
    /** The dealer's call timeout timer (`CALL.Options.timeout`), cancelled when the call ends. */
    var timer: Job? = null
}

/** Starts the timer of a call with `CALL.Options.timeout`: after [millis] the realm calls [Dealer.timeout]. */
internal fun interface CallTimers {
    fun start(pending: PendingCall, millis: Long): Job
}

/**
 * The dealer of one realm: exact, prefix and wildcard registrations, shared registrations with their
 * invocation policies, `force_reregister`, call timeouts. Not thread-safe: the realm calls it under its
 * lock. Each method returns what to send; pending calls live on the sessions involved.
 */
internal class Dealer(
    private val ids: RouterIds,
    private val timers: CallTimers,
    private val metaEvents: RegistrationMetaEvents = RegistrationMetaEvents.NONE,
) {
    val registrations = RegistrationTable()

    fun register(session: RouterSession, msg: Register): List<Delivery> {
        val reject = { uri: String, text: String -> listOf(session.error(msg.code, msg.request, uri, text)) }
        val match = MatchPolicy.fromWire(msg.options.string("match"))
            ?: return reject(WampErrors.INVALID_ARGUMENT, "unknown match policy '${msg.options.string("match")}'")
        val invoke = InvokePolicy.fromWire(msg.options.string("invoke"))
            ?: return reject(WampErrors.INVALID_ARGUMENT, "unknown invocation policy '${msg.options.string("invoke")}'")
        if (!isValidRegistrationUri(msg.procedure, match)) {
            return reject(WampErrors.INVALID_URI, "'${msg.procedure}' is not a valid URI for match policy '${match.wire}'")
        }
        if (msg.procedure.startsWith(RESERVED_PREFIX)) return reject(WampErrors.INVALID_URI, "procedures under 'wamp.' are reserved")
        var existing = registrations.lookup(msg.procedure, match)
        val kicked = ArrayList<Delivery>(0)
        if (existing != null && msg.options.boolean("force_reregister") == true) {
            kicked += kick(existing)
            existing = null
        }
        if (existing != null) {
            when {
                existing.invoke == InvokePolicy.SINGLE || session in existing.callees ->
                    return reject(WampErrors.PROCEDURE_ALREADY_EXISTS, "'${msg.procedure}' is already registered")
                existing.invoke != invoke -> return reject(
                    WampErrors.PROCEDURE_EXISTS_WITH_DIFFERENT_INVOCATION_POLICY,
                    "'${msg.procedure}' is registered with invocation policy '${existing.invoke.wire}', not '${invoke.wire}'",
                )
            }
        }
        val procedure = existing ?: Procedure(ids.newRouterScoped(), msg.procedure, match, invoke).also(registrations::add)
        procedure.callees += session
        session.registrations[procedure.id] = procedure
        kicked += Delivery(session, Registered(msg.request, procedure.id))
        if (existing == null) kicked += metaEvents.publish(ON_CREATE, wampListOf(session.id, procedure.details()), session)
        kicked += metaEvents.publish(ON_REGISTER, wampListOf(session.id, procedure.id), session)
        return kicked
    }

    /** force_reregister, as Crossbar.io: every callee of [procedure] gets UNREGISTERED 0 and the registration goes. */
    private fun kick(procedure: Procedure): List<Delivery> {
        val details = wampDictOf("registration" to procedure.id, "reason" to WampErrors.UNREGISTERED)
        val out = ArrayList<Delivery>()
        for (callee in procedure.callees.toList()) {
            callee.registrations.remove(procedure.id)
            out += Delivery(callee, Unregistered(0, details))
            out += detachCallee(procedure, callee) // the last one removes the registration
        }
        return out
    }

    fun unregister(session: RouterSession, msg: Unregister): List<Delivery> {
        val procedure = session.registrations.remove(msg.registration)
            ?: return listOf(session.error(msg.code, msg.request, WampErrors.NO_SUCH_REGISTRATION, "no registration ${msg.registration}"))
        return listOf(Delivery(session, Unregistered(msg.request))) + detachCallee(procedure, session)
    }

    fun call(session: RouterSession, msg: Call): Delivery {
        if (msg.request in session.calls) throw WampProtocolViolationException("CALL request id ${msg.request} is already in use")
        val timeout = msg.options.long("timeout") ?: 0L
        if (timeout < 0) return session.error(msg.code, msg.request, WampErrors.INVALID_ARGUMENT, "timeout must be >= 0 ms")
        val procedure = registrations.match(msg.procedure)
            ?: return session.error(msg.code, msg.request, WampErrors.NO_SUCH_PROCEDURE, "no procedure '${msg.procedure}'")
        val callee = procedure.pick()
        // Passed on whether or not the callee announced progressive_call_results, as Crossbar.io does: a
        // callee that cannot send progress ignores the flag, and some that can (wampy.js) do not announce it.
        val progressive = msg.options.boolean("receive_progress") == true
        val pending = PendingCall(session, msg.request, callee, callee.nextInvocationId(), progressive)
        session.calls[msg.request] = pending
        callee.invocations[pending.invocation] = pending
        if (timeout > 0) pending.timer = timers.start(pending, timeout)
        val details = InvocationDetails.of(
            caller = session,
            progressive = progressive,
            disclose = msg.options.boolean("disclose_me") == true,
            procedure = if (procedure.match == MatchPolicy.EXACT) null else msg.procedure,
            timeout = timeout,
        )
        return Delivery(callee, Invocation(pending.invocation, procedure.id, details, msg.args, msg.kwargs))
    }

    /** A YIELD for an invocation the router no longer knows (the caller left or cancelled) is dropped. */
    fun yield(session: RouterSession, msg: Yield): Delivery? {
        val pending = session.invocations[msg.request] ?: return null
        if (msg.options.boolean("progress") == true) {
            if (!pending.progressive) return null
            return Delivery(pending.caller, Result(pending.callRequest, PROGRESS, msg.args, msg.kwargs))
        }
        forget(pending)
        return Delivery(pending.caller, Result(pending.callRequest, WampDict.EMPTY, msg.args, msg.kwargs))
    }

    /** A callee's ERROR goes to the caller unchanged: uri, args, kwargs. */
    fun error(session: RouterSession, msg: Error): Delivery? {
        val pending = session.invocations[msg.request] ?: return null
        forget(pending)
        return Delivery(pending.caller, Error(MessageCode.CALL, pending.callRequest, msg.details, msg.error, msg.args, msg.kwargs))
    }

    fun cancel(session: RouterSession, msg: Cancel): List<Delivery> {
        val pending = session.calls[msg.request] ?: return emptyList()
        val mode = msg.options.string("mode") ?: "killnowait"
        if (mode !in CANCEL_MODES) {
            return listOf(session.error(MessageCode.CANCEL, msg.request, WampErrors.INVALID_ARGUMENT, "unknown cancel mode '$mode'"))
        }
        val interrupt = pending.callee.features.callCanceling && mode != "skip"
        val interruptDelivery = Delivery(pending.callee, Interrupt(pending.invocation, wampDictOf("mode" to mode)))
        if (interrupt && mode == "kill") return listOf(interruptDelivery) // the callee's ERROR answers the caller
        forget(pending)
        val canceled = session.error(MessageCode.CALL, pending.callRequest, WampErrors.CANCELED, "the call was canceled")
        return if (interrupt) listOf(interruptDelivery, canceled) else listOf(canceled)
    }

    /**
     * The timer of [pending] expired: if the call is still going, the callee gets INTERRUPT killnowait (when
     * it announced call_canceling) and the caller ERROR `wamp.error.timeout`.
     */
    fun timeout(pending: PendingCall): List<Delivery> {
        if (pending.caller.calls[pending.callRequest] !== pending) return emptyList()
        forget(pending)
        val timedOut = pending.caller.error(MessageCode.CALL, pending.callRequest, WampErrors.TIMEOUT, "the call timed out")
        if (!pending.callee.features.callCanceling) return listOf(timedOut)
        return listOf(Delivery(pending.callee, Interrupt(pending.invocation, KILL_NOWAIT)), timedOut)
    }

    /** Drops [session]'s registrations; its callers get `wamp.error.canceled`, its callees an INTERRUPT. */
    fun detach(session: RouterSession): List<Delivery> {
        val out = ArrayList<Delivery>()
        for (procedure in session.registrations.values) out += detachCallee(procedure, session)
        session.registrations.clear()
        for (pending in session.invocations.values.toList()) {
            forget(pending)
            out += pending.caller.error(MessageCode.CALL, pending.callRequest, WampErrors.CANCELED, "the callee left")
        }
        for (pending in session.calls.values.toList()) {
            forget(pending)
            if (pending.callee.features.callCanceling) {
                out += Delivery(pending.callee, Interrupt(pending.invocation, KILL_NOWAIT))
            }
        }
        return out
    }

    /** Removes [session] as a callee of [procedure]; returns the `on_unregister` (and `on_delete`) meta events. */
    private fun detachCallee(procedure: Procedure, session: RouterSession): List<Delivery> {
        procedure.callees.remove(session)
        val out = metaEvents.publish(ON_UNREGISTER, wampListOf(session.id, procedure.id), session)
        if (procedure.callees.isNotEmpty()) return out
        registrations.remove(procedure)
        return out + metaEvents.publish(ON_DELETE, wampListOf(session.id, procedure.id), session)
    }

    private fun forget(pending: PendingCall) {
        pending.timer?.cancel()
        pending.caller.calls.remove(pending.callRequest)
        pending.callee.invocations.remove(pending.invocation)
    }

    private companion object {
        const val RESERVED_PREFIX = "wamp."
        const val ON_CREATE = "wamp.registration.on_create"
        const val ON_REGISTER = "wamp.registration.on_register"
        const val ON_UNREGISTER = "wamp.registration.on_unregister"
        const val ON_DELETE = "wamp.registration.on_delete"
        val CANCEL_MODES = setOf("skip", "kill", "killnowait")
        val PROGRESS = WampDict(mapOf("progress" to WampBool(true)))
        val KILL_NOWAIT = wampDictOf("mode" to "killnowait")
    }
}
